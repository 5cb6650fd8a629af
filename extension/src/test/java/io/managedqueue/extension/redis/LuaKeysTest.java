package io.managedqueue.extension.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

import io.managedqueue.api.JobAddress;
import io.managedqueue.testing.TestRedis;

/**
 * The keys a script finds in data it reads are named by lib-keys.lua: run its functions on the test
 * Redis and they must name exactly what {@link RedisKeys} names, or a script would write where Java
 * never reads.
 */
class LuaKeysTest {

    private static final JobAddress ADDRESS = new JobAddress("@acme/plugin-x", "q.one", "send");
    private static final JobRef JOB = new JobRef("@acme/plugin-x", "q.one", "tenant-a", "id-1");
    private static final RedisKeys KEYS = new RedisKeys("mq-test");

    private static RedissonClient redis;

    @BeforeAll
    static void connect() {
        Config config = new Config();
        config.useSingleServer().setAddress(TestRedis.address());
        redis = Redisson.create(config);
    }

    @AfterAll
    static void disconnect() {
        redis.shutdown();
    }

    @Test
    void aJobsOwnKeys() {
        String base = KEYS.queueBase(ADDRESS);
        assertThat(run("return {Keys.job(ARGV[1], ARGV[2]), Keys.children(ARGV[1], ARGV[2]), Keys.log(ARGV[1], ARGV[2])}",
                base, JOB.member()))
                .containsExactly(KEYS.job(JOB), KEYS.children(JOB), KEYS.log(JOB));
    }

    @Test
    void rateLimitKeysAndThroughputBuckets() {
        String base = KEYS.queueBase(ADDRESS);
        String limitKey = "tenant-a|customer-7";
        assertThat(run("return {Keys.keyLimiter(ARGV[1], ARGV[3]), Keys.parked(ARGV[1], ARGV[2], ARGV[3]),"
                + " Keys.throughput(ARGV[1], 29000000)}", base, ADDRESS.jobName(), limitKey))
                .containsExactly(KEYS.keyLimiter(ADDRESS, "tenant-a", "customer-7"),
                        KEYS.parked(ADDRESS, "tenant-a", "customer-7"),
                        KEYS.throughput(ADDRESS.pluginName(), ADDRESS.queueName(), 29_000_000L));
    }

    @Test
    void everyKeyOfAnAddress() {
        assertThat(addressTable("Keys.address(ARGV[1], ARGV[2])", KEYS.queueBase(ADDRESS), ADDRESS.jobName()))
                .isEqualTo(expectedAddressTable());
    }

    @Test
    void aFlowParentsAddressFromItsChild() {
        assertThat(addressTable("Keys.parentAddress(ARGV[1], ARGV[2], nil)", KEYS.queueBase(ADDRESS), ADDRESS.jobName()))
                .isEqualTo(expectedAddressTable());
    }

    @Test
    void aFlowParentsAddressFromAChildOfThePreviousBuild() {
        assertThat(addressTable("Keys.parentAddress(nil, nil, ARGV[1])", KEYS.waitList(ADDRESS)))
                .isEqualTo(expectedAddressTable());
    }

    @Test
    void aWorkersInfoHash() {
        assertThat(run("return {Keys.workerInfo(ARGV[1], ARGV[2])}", KEYS.workersBase(), "pod-1:42"))
                .containsExactly(KEYS.workerInfo("pod-1:42"));
    }

    private static Map<String, String> expectedAddressTable() {
        return Map.ofEntries(Map.entry("base", KEYS.queueBase(ADDRESS)), Map.entry("job", ADDRESS.jobName()),
                Map.entry("wait", KEYS.waitList(ADDRESS)), Map.entry("delayed", KEYS.delayed(ADDRESS)),
                Map.entry("active", KEYS.active(ADDRESS)), Map.entry("completed", KEYS.completed(ADDRESS)),
                Map.entry("failed", KEYS.failed(ADDRESS)), Map.entry("prio", KEYS.prio(ADDRESS)),
                Map.entry("prioSeq", KEYS.prioSeq(ADDRESS)), Map.entry("counts", KEYS.counts(ADDRESS)),
                Map.entry("parents", KEYS.parents(ADDRESS)), Map.entry("parkedKeys", KEYS.parkedKeys(ADDRESS)));
    }

    /** @return the table a lib-keys expression builds, as name to key */
    private static Map<String, String> addressTable(String expression, String... args) {
        List<String> flat = run("local t = " + expression + "\nlocal out = {}\n"
                + "for k, v in pairs(t) do out[#out + 1] = k; out[#out + 1] = v end\nreturn out", args);
        Map<String, String> table = new java.util.TreeMap<>();
        for (int i = 0; i < flat.size(); i += 2) {
            table.put(flat.get(i), flat.get(i + 1));
        }
        return table;
    }

    private static List<String> run(String body, String... args) {
        String source = LuaScript.resolveIncludes("--@include lib-keys.lua\n" + body);
        return redis.getScript(StringCodec.INSTANCE).eval(Mode.READ_ONLY, source, ReturnType.LIST, List.of(), (Object[]) args);
    }
}
