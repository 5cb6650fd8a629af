package io.managedqueue.reliability.worker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.redisson.Redisson;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.client.codec.StringCodec;

import io.managedqueue.api.ManagedQueueService;

/**
 * Records every execution into Redis through the platform's own client, in one script: the run
 * count per job ({@code HINCRBY}), the history {@code incarnation@redisMillis,...} per job, the
 * executions per worker incarnation, a total, and any tenant mismatch the handler saw.
 */
@ApplicationScoped
public class Recorder {

    public static final String RUNS = "rel:runs";
    public static final String HISTORY = "rel:history";
    public static final String BY_WORKER = "rel:by-worker";
    public static final String TOTAL = "rel:total";
    public static final String MISMATCH = "rel:mismatch";
    public static final String MISMATCH_SAMPLES = "rel:mismatch-samples";

    private static final String SCRIPT = """
            local runs = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
            local t = redis.call('TIME')
            local ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local prev = redis.call('HGET', KEYS[2], ARGV[1]) or ''
            redis.call('HSET', KEYS[2], ARGV[1], prev .. ARGV[2] .. '@' .. string.format('%d', ms) .. ',')
            redis.call('HINCRBY', KEYS[3], ARGV[2], 1)
            redis.call('INCR', KEYS[4])
            for i = 3, #ARGV do
              redis.call('HINCRBY', KEYS[5], ARGV[i], 1)
              redis.call('LPUSH', KEYS[6], ARGV[1] .. ' ' .. ARGV[i])
              redis.call('LTRIM', KEYS[6], 0, 49)
            end
            return runs
            """;
    private static final List<Object> KEYS = List.of(RUNS, HISTORY, BY_WORKER, TOTAL, MISMATCH, MISMATCH_SAMPLES);

    @Inject
    ManagedQueueService queue;

    /** System property: the address of the ledger Redis (see {@link #ledger()}). */
    public static final String LEDGER = "rel.ledger.address";

    private RedissonClient ledgerClient;
    private final String incarnation = System.getProperty("rel.incarnation", "in-process");

    /**
     * @param jobId    the job starting
     * @param problems tenant/scope mismatches the handler saw (normally none)
     * @return how many times this job has started, this run included
     */
    public long started(String jobId, Collection<String> problems) {
        List<Object> args = new ArrayList<>(2 + problems.size());
        args.add(jobId);
        args.add(incarnation);
        args.addAll(problems);
        Long runs = ledger().getScript(StringCodec.INSTANCE)
                .eval(RScript.Mode.READ_WRITE, SCRIPT, RScript.ReturnType.LONG, KEYS, args.toArray());
        return runs;
    }

    /**
     * Where executions are recorded: the platform's Redis, or with {@value #LEDGER} a single Redis of the
     * test's own, so that a failover of the platform's Redis cannot lose the records that measure it.
     */
    private RedissonClient ledger() {
        String address = System.getProperty(LEDGER);
        if (address == null) {
            return queue.getRedis();
        }
        synchronized (this) {
            if (ledgerClient == null) {
                Config config = new Config();
                config.useSingleServer().setAddress(address);
                ledgerClient = Redisson.create(config);
            }
            return ledgerClient;
        }
    }

    @PreDestroy
    void close() {
        if (ledgerClient != null) {
            ledgerClient.shutdown();
        }
    }

    public String incarnation() {
        return incarnation;
    }
}
