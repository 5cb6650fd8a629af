package io.managedqueue.extension;

import static io.managedqueue.extension.Jobs.PLUGIN;
import static io.managedqueue.extension.PlatformHarness.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.weld.environment.se.WeldContainer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.options.KeysScanOptions;

import io.managedqueue.api.Deduplication;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.ScheduleInfo;
import io.managedqueue.api.ScheduleSpec;
import io.managedqueue.api.Scheduled;
import io.managedqueue.api.TenantContext;
import io.managedqueue.extension.redis.JobRef;

/** Declared and programmatic schedules: one job per tick, tenant scope, overrides, bad input, missed ticks. */
class ScheduleTest {

    static final String QUEUE = "schedule.queue";
    /** job id -> what the handler saw: "<tenant or ->|<TenantContext tenant or ->|<payload>", one entry per run */
    static final ConcurrentMap<String, List<String>> runs = new ConcurrentHashMap<>();

    static void record(ManagedQueueJob<String> job, TenantContext tenant) {
        String seen = Optional.ofNullable(job.tenantId()).orElse("-") + "|" + tenant.tenantId().orElse("-") + "|" + job.data();
        runs.merge(job.id(), List.of(seen), (a, b) -> {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        });
    }

    @ApplicationScoped
    @Scheduled(every = "PT1S")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "tick")
    public static class EverySecond implements PluginJobHandler<String> {
        @Inject
        TenantContext tenant;

        @Override
        public void handle(ManagedQueueJob<String> job) {
            record(job, tenant);
        }
    }

    @ApplicationScoped
    @Scheduled(id = "nightly", cron = "0 2 * * *", zone = "Europe/Berlin", jobName = "nightly")
    @Scheduled(id = "hourly", cron = "0 * * * *", jobName = "hourly")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "nightly")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "hourly")
    public static class Maintenance implements PluginJobHandler<String> {
        @Inject
        TenantContext tenant;

        @Override
        public void handle(ManagedQueueJob<String> job) {
            record(job, tenant);
        }
    }

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "report")
    public static class Report implements PluginJobHandler<String> {
        @Inject
        TenantContext tenant;

        @Override
        public void handle(ManagedQueueJob<String> job) {
            record(job, tenant);
        }
    }

    private final PlatformHarness harness = new PlatformHarness("schedule");
    private WeldContainer container;
    private ManagedQueueService queue;

    @BeforeEach
    void clear() {
        runs.clear();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private void start(Class<?>... beans) {
        container = harness.start(beans);
        queue = harness.queue(container);
    }

    @Test
    void aDeclaredScheduleFiresEveryTickOnceSystemWide() {
        start(EverySecond.class);
        String id = PLUGIN + "/" + QUEUE + "/tick";
        await().atMost(timeout(15)).until(() -> tickJobs(id).size() >= 4);

        Set<Long> ticks = tickJobs(id);
        assertThat(ticks).allMatch(t -> t % 1000 == 0);
        assertThat(ticks.stream().reduce((a, b) -> b).orElseThrow() - ticks.iterator().next())
                .as("consecutive seconds, none skipped").isEqualTo((ticks.size() - 1) * 1000L);
        await().atMost(timeout(5)).until(() -> runs.keySet().containsAll(jobIds(id, ticks)));
        for (String jobId : jobIds(id, ticks)) {
            assertThat(runs.get(jobId)).as("ran once, system-wide, no payload").containsExactly("-|-|null");
        }
        ScheduleInfo info = queue.listSchedules().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
        assertThat(info.spec()).isEqualTo(ScheduleSpec.every(Duration.ofSeconds(1)));
        assertThat(info.tenantId()).isNull();
        assertThat(info.address()).isEqualTo(JobAddress.of(PLUGIN, QUEUE, "tick"));
        assertThat(info.lastRunAt()).isNotNull();
    }

    @Test
    void twoProcessesStartingTogetherCreateOneJobPerTick() {
        start(EverySecond.class);
        harness.start(EverySecond.class);
        String id = PLUGIN + "/" + QUEUE + "/tick";
        await().atMost(timeout(15)).until(() -> tickJobs(id).size() >= 4);
        Set<Long> ticks = tickJobs(id);
        await().atMost(timeout(5)).until(() -> runs.keySet().containsAll(jobIds(id, ticks)));
        assertThat(jobIds(id, ticks)).allMatch(j -> runs.get(j).size() == 1);
        assertThat(queue.listSchedules()).filteredOn(s -> s.id().equals(id)).hasSize(1);
    }

    @Test
    void configurationOverridesSpecAndZoneOrDisablesASchedule() {
        harness.with("managed-queue.schedule.nightly.cron", "30 3 * * MON-FRI")
                .with("managed-queue.schedule.nightly.zone", "America/New_York")
                .with("managed-queue.schedule.hourly.enabled", "false");
        start(Maintenance.class);

        List<ScheduleInfo> schedules = queue.listSchedules();
        assertThat(schedules).extracting(ScheduleInfo::id).containsExactly("nightly");
        ScheduleInfo nightly = schedules.get(0);
        assertThat(nightly.spec()).isEqualTo(ScheduleSpec.cron("30 3 * * MON-FRI", "America/New_York"));
        assertThat(nightly.address().jobName()).isEqualTo("nightly");
        assertThat(nightly.nextRunAt()).isAfter(Instant.now());
    }

    @Test
    void aBadConfiguredCronFailsStartUpNamingTheKey() {
        harness.with("managed-queue.schedule.nightly.cron", "0 25 * * *");
        assertThatThrownBy(() -> start(Maintenance.class)).hasStackTraceContaining("managed-queue.schedule.nightly.cron")
                .hasStackTraceContaining("cron hour field");
    }

    @Test
    void programmaticSchedulesBelongToTheirTenant() {
        start(Report.class);
        ScheduleSpec spec = ScheduleSpec.cron("0 6 * * *", "Europe/Berlin");
        ScheduleInfo a = asTenant("tenant-a", () -> queue.upsertSchedule("daily-report", spec, report("for-a").build()));
        ScheduleInfo b = asTenant("tenant-b", () -> queue.upsertSchedule("daily-report",
                ScheduleSpec.every(Duration.ofHours(1)), report("for-b").build()));

        assertThat(a.tenantId()).isEqualTo("tenant-a");
        assertThat(b.tenantId()).isEqualTo("tenant-b");
        assertThat(a.nextRunAt()).isEqualTo(spec.nextAfter(Instant.now().minusSeconds(5)));
        assertThat(a.lastRunAt()).isNull();
        assertThat(asTenant("tenant-a", queue::listSchedules)).containsExactly(a);
        assertThat(asTenant("tenant-b", queue::listSchedules)).containsExactly(b);
        assertThat(asTenant("tenant-c", queue::listSchedules)).isEmpty();
        assertThat(queue.listSchedules()).as("outside any tenant: all").containsExactlyInAnyOrder(a, b);

        assertThat(asTenant("tenant-c", () -> queue.removeSchedule("daily-report"))).isFalse();
        assertThat(queue.removeSchedule("daily-report")).as("outside any tenant: the system-wide one only").isFalse();
        assertThat(asTenant("tenant-a", () -> queue.removeSchedule("daily-report"))).isTrue();
        assertThat(asTenant("tenant-a", () -> queue.removeSchedule("daily-report"))).isFalse();
        assertThat(queue.listSchedules()).containsExactly(b);
    }

    @Test
    void upsertReplacesTheTemplateAndKeepsTheTickWhenTheSpecIsUnchanged() {
        start(Report.class);
        ScheduleSpec hourly = ScheduleSpec.every(Duration.ofHours(1));
        ScheduleInfo first = asTenant("tenant-a", () -> queue.upsertSchedule("r", hourly, report("v1").build()));
        moveNextTick("tenant-a", "r", first.nextRunAt().toEpochMilli() + 7);

        ScheduleInfo same = asTenant("tenant-a", () -> queue.upsertSchedule("r", hourly, report("v2").build()));
        assertThat(same.nextRunAt().toEpochMilli()).as("tick kept").isEqualTo(first.nextRunAt().toEpochMilli() + 7);

        ScheduleSpec daily = ScheduleSpec.cron("0 0 * * *");
        ScheduleInfo changed = asTenant("tenant-a", () -> queue.upsertSchedule("r", daily, report("v3").build()));
        assertThat(changed.spec()).isEqualTo(daily);
        assertThat(changed.nextRunAt()).as("new spec, new tick").isEqualTo(daily.nextAfter(Instant.now()));
        assertThat(queue.listSchedules()).containsExactly(changed);
    }

    @Test
    void aTenantScheduleRunsItsJobsInTheTenantsScopeWithThePayload() {
        start(Report.class);
        ScheduleInfo info = asTenant("tenant-a", () -> queue.upsertSchedule("fast", ScheduleSpec.every(Duration.ofSeconds(1)),
                report("payload-a").build()));
        assertThat(info.tenantId()).isEqualTo("tenant-a");
        await().atMost(timeout(10)).until(() -> runs.keySet().stream().anyMatch(j -> j.contains("|tenant-a|schedule:fast:")));
        String jobId = runs.keySet().stream().filter(j -> j.contains("|tenant-a|schedule:fast:")).findFirst().orElseThrow();
        assertThat(jobId).startsWith(PLUGIN + "|" + QUEUE + "|tenant-a|schedule:fast:");
        assertThat(runs.get(jobId)).containsExactly("tenant-a|tenant-a|payload-a");
        assertThat(asTenant("tenant-a", () -> queue.getJob(jobId))).isPresent();
        assertThat(asTenant("tenant-b", () -> queue.getJob(jobId))).isEmpty();
        assertThat(asTenant("tenant-a", () -> queue.removeSchedule("fast"))).isTrue();
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
        start(Report.class);
        long keysBefore = harness.keyCount();
        ScheduleSpec spec = ScheduleSpec.every(Duration.ofMinutes(1));
        assertRefused(() -> queue.upsertSchedule(" ", spec, report("x").build()), "scheduleId must not be blank");
        assertRefused(() -> queue.upsertSchedule("a|b", spec, report("x").build()), "scheduleId contains an illegal character");
        assertRefused(() -> queue.upsertSchedule("x".repeat(201), spec, report("x").build()), "scheduleId must be at most 200");
        assertRefused(() -> queue.upsertSchedule("s", null, report("x").build()), "spec must not be null");
        assertRefused(() -> queue.upsertSchedule("s", spec, null), "template must not be null");
        assertRefused(() -> queue.upsertSchedule("s", spec, report("x").jobId("fixed").build()), "template.jobId");
        assertRefused(() -> queue.upsertSchedule("s", spec, report("x").deduplication(
                Deduplication.throttle("d", Duration.ofSeconds(1))).build()), "template.deduplication");
        assertRefused(() -> queue.upsertSchedule("s", spec, EnqueueRequest.builder(PLUGIN, QUEUE, "report").build()), "tenantId");
        assertRefused(() -> queue.removeSchedule(""), "scheduleId must not be blank");
        assertThat(harness.keyCount()).isEqualTo(keysBefore);
        assertThat(queue.listSchedules()).isEmpty();
    }

    @Test
    void ticksMissedWhileEveryProcessWasDownGiveExactlyOneCatchUpJob() {
        start(Report.class);
        ScheduleSpec hourly = ScheduleSpec.cron("0 * * * *");
        ScheduleInfo info = asTenant("tenant-a", () -> queue.upsertSchedule("catch-up", hourly, report("late").build()));
        // as a pod dead for ten hours leaves it: the pending tick ten hours ago, its index entry too
        long missed = info.nextRunAt().minus(Duration.ofHours(10)).toEpochMilli();
        moveNextTick("tenant-a", "catch-up", missed);

        String catchUp = PLUGIN + "|" + QUEUE + "|tenant-a|schedule:catch-up:" + missed;
        await().atMost(timeout(10)).until(() -> runs.containsKey(catchUp));
        ScheduleInfo after = asTenant("tenant-a", queue::listSchedules).get(0);
        assertThat(after.nextRunAt()).isEqualTo(info.nextRunAt());
        assertThat(after.lastRunAt()).isEqualTo(Instant.ofEpochMilli(missed));
        assertThat(scheduleJobKeys("tenant-a", "catch-up")).as("one job for the ten missed ticks").hasSize(1);
        assertThat(runs.get(catchUp)).containsExactly("tenant-a|tenant-a|late");
    }

    @Test
    void aBrieflyLateSchedulerFiresEachTickItPassed() {
        start(Report.class);
        ScheduleSpec everySecond = ScheduleSpec.every(Duration.ofSeconds(1));
        ScheduleInfo info = asTenant("tenant-a", () -> queue.upsertSchedule("late", everySecond, report("x").build()));
        long threeSecondsAgo = info.nextRunAt().minusSeconds(3).toEpochMilli();
        moveNextTick("tenant-a", "late", threeSecondsAgo);

        await().atMost(timeout(10)).until(() -> runs.containsKey(PLUGIN + "|" + QUEUE + "|tenant-a|schedule:late:"
                + (threeSecondsAgo + 3000)));
        List<String> expected = LongStream.rangeClosed(0, 3)
                .mapToObj(i -> harness.keys().job(new JobRef(PLUGIN, QUEUE, "tenant-a", "schedule:late:"
                        + (threeSecondsAgo + i * 1000)))).toList();
        assertThat(scheduleJobKeys("tenant-a", "late")).as("one job per tick passed").containsAll(expected);
    }

    @Test
    void aStaleIndexIsRepairedFromTheScheduleHashWithoutFiring() {
        start(Report.class);
        ScheduleInfo info = asTenant("tenant-a", () -> queue.upsertSchedule("stale", ScheduleSpec.every(Duration.ofHours(1)),
                report("x").build()));
        String index = harness.keys().scheduleIndex();
        String member = PLUGIN + "|" + QUEUE + "|tenant-a|stale";
        String orphan = PLUGIN + "|" + QUEUE + "|tenant-a|gone";
        // as a process that died between the two writes leaves them: the index says due, the hash says later
        harness.inspector().getScoredSortedSet(index).add(info.nextRunAt().minus(Duration.ofHours(5)).toEpochMilli(), member);
        harness.inspector().getScoredSortedSet(index).add(1, orphan);

        await().atMost(timeout(10)).until(() -> {
            Double score = harness.inspector().getScoredSortedSet(index).getScore(member);
            return score != null && score == info.nextRunAt().toEpochMilli()
                    && !harness.inspector().getScoredSortedSet(index).contains(orphan);
        });
        assertThat(scheduleJobKeys("tenant-a", "stale")).as("the hash is the truth: not due, nothing fired").isEmpty();
        assertThat(asTenant("tenant-a", queue::listSchedules)).containsExactly(info);
    }

    private static EnqueueRequest.Builder<String> report(String payload) {
        return EnqueueRequest.<String>builder(PLUGIN, QUEUE, "report").payload(payload);
    }

    private void assertRefused(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    /** Writes the pending tick into the hash and the index, as another process would have left them. */
    private void moveNextTick(String tenant, String id, long tick) {
        String hash = harness.keys().schedule(PLUGIN, QUEUE, tenant, id);
        Map<String, String> h = harness.inspector().<String, String>getMap(hash).readAllMap();
        String last = h.get("ticks").substring(h.get("ticks").indexOf('|') + 1);
        harness.inspector().getMap(hash).put("ticks", tick + "|" + last);
        harness.inspector().getScoredSortedSet(harness.keys().scheduleIndex())
                .add(tick, PLUGIN + "|" + QUEUE + "|" + tenant + "|" + id);
    }

    private List<String> scheduleJobKeys(String tenant, String id) {
        String pattern = harness.keys().job(new JobRef(PLUGIN, QUEUE, tenant, "schedule:" + id + ":")) + "*";
        List<String> keys = new ArrayList<>();
        harness.inspector().getKeys().getKeys(KeysScanOptions.defaults().pattern(pattern)).forEach(keys::add);
        return keys;
    }

    /** @return the ticks of the jobs a system-wide schedule created so far */
    private Set<Long> tickJobs(String id) {
        Set<Long> ticks = new TreeSet<>();
        for (String key : scheduleJobKeys("", id)) {
            ticks.add(Long.parseLong(key.substring(key.lastIndexOf(':') + 1)));
        }
        return ticks;
    }

    private static List<String> jobIds(String id, Set<Long> ticks) {
        return ticks.stream().map(t -> PLUGIN + "|" + QUEUE + "||schedule:" + id + ":" + t).toList();
    }

    private <T> T asTenant(String tenant, Supplier<T> action) {
        return Scopes.inTenant(container, tenant, action);
    }
}
