package io.managedqueue.extension.redis;

import static io.managedqueue.extension.redis.PreparedJobBuilder.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ScheduleSpec;
import io.managedqueue.extension.schedule.ScheduleStore;
import io.managedqueue.extension.schedule.Scheduler;

/**
 * The schedule scripts where they create jobs: schedule-save.lua and schedule-index.lua store a
 * schedule, schedule-due.lua finds its due tick, and enqueue.lua, guarded by the schedule's ticks,
 * creates the tick's job.
 */
abstract class ScheduleContract extends StoreContract {

    @Test
    void aDueTickCreatesItsJobWaiting() {
        PreparedJob template = aJob().named("tick").build();
        ScheduleStore schedules = new ScheduleStore(StoreFixture.client(), store.store());
        schedules.save("every-second", ScheduleSpec.every(Duration.ofSeconds(1)), template, "api");
        Scheduler scheduler = new Scheduler(schedules);

        store.observe("schedule-due + enqueue", () -> {
            scheduler.start(Thread::new);
            try {
                store.eventually(() -> waitingAt(template) > 0);
            } finally {
                scheduler.stop();
            }
            return null;
        });

        assertThat(store.claimOne(template.address()).ref().localId()).contains("every-second");
    }

    @Test
    void aGuardedEnqueueCreatesTheJobAndMovesTheGuardOn() {
        PreparedJob job = aJob().build();
        EnqueueGuard guard = new EnqueueGuard(guardHash(), "ticks", "", "2000|1000");

        EnqueueResult created = store.observe("enqueue", () -> store.store().enqueueGuarded(job, guard)).orElseThrow();

        assertThat(created.state()).isEqualTo(JobState.WAITING);
        assertThat(StoreFixture.client().<String, String>getMap(guardHash(), StringCodec.INSTANCE).get("ticks"))
                .isEqualTo("2000|1000");
    }

    @Test
    void anEnqueueWhoseGuardNoLongerHoldsWritesNothing() {
        PreparedJob job = aJob().build();
        EnqueueGuard stale = new EnqueueGuard(guardHash(), "ticks", "1000|0", "2000|1000");

        assertThat(store.observe("enqueue", () -> store.store().enqueueGuarded(job, stale))).isEmpty();

        assertThat(store.state(job.ref())).isEmpty();
    }

    private String guardHash() {
        return store.keys().schedule(StoreFixture.PLUGIN, StoreFixture.QUEUE, "t1", "guarding");
    }

    private int waitingAt(PreparedJob job) {
        return StoreFixture.client().getList(store.keys().waitList(job.address()), StringCodec.INSTANCE).size();
    }
}
