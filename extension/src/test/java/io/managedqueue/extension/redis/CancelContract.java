package io.managedqueue.extension.redis;

import static io.managedqueue.extension.redis.PreparedJobBuilder.aJob;
import static io.managedqueue.extension.redis.StoreFixture.ANY_TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.JobState;
import io.managedqueue.extension.config.RateLimitPolicy;

/** cancel.lua: only a job that has not started is cancelled, and only within the caller's tenant. */
abstract class CancelContract extends StoreContract {

    @Test
    void aWaitingJobIsCancelledAndNeverClaimed() {
        PreparedJob job = aJob().build();
        store.enqueue(job);

        assertThat(cancel(job.ref(), ANY_TENANT)).isEqualTo("CANCELLED");

        assertThat(store.state(job.ref())).contains(JobState.CANCELLED);
        assertThat(store.cycle(job.address()).waitingLeft()).isZero();
    }

    @Test
    void aDelayedJobIsCancelled() {
        PreparedJob job = aJob().delayed(Duration.ofMinutes(1)).build();
        store.enqueue(job);

        assertThat(cancel(job.ref(), ANY_TENANT)).isEqualTo("CANCELLED");

        assertThat(store.state(job.ref())).contains(JobState.CANCELLED);
        assertThat(store.cycle(job.address()).nextWakeAt()).as("nothing delayed is left").isEqualTo(-1);
    }

    @Test
    void aParkedJobIsCancelledAndDoesNotComeBackWhenItsKeysWindowFrees() {
        RateLimitPolicy onePerKey = new RateLimitPolicy(1, 50);
        PreparedJob parked = store.parkedBehindARunningJob("k", onePerKey);

        assertThat(cancel(parked.ref(), ANY_TENANT)).isEqualTo("CANCELLED");
        PreparedJob next = aJob().rateLimitKey("k").build();
        store.enqueue(next);

        List<ClaimedJob> claimed = new ArrayList<>();
        store.eventually(() -> claimed.addAll(store.claim(store.store(), next.address(), 2, List.of(), onePerKey).claimed()));
        assertThat(claimed).extracting(ClaimedJob::ref).containsExactly(next.ref());
        assertThat(store.state(parked.ref())).contains(JobState.CANCELLED);
    }

    @Test
    void theTenantFilterHidesAnotherTenantsJobAndLetsItsOwnTenantCancelIt() {
        PreparedJob job = aJob().ofTenant("t1").build();
        store.enqueue(job);

        assertThat(cancel(job.ref(), "t2")).isEqualTo("NOT_FOUND");
        assertThat(store.state(job.ref())).contains(JobState.WAITING);

        assertThat(cancel(job.ref(), "t1")).isEqualTo("CANCELLED");
    }

    @Test
    void aStartedOrEndedJobIsReportedByItsStateAndNotChanged() {
        ClaimedJob active = store.active(aJob().build());
        ClaimedJob completed = store.active(aJob().build());
        store.complete(completed);
        ClaimedJob failed = store.active(aJob().attempts(1, Backoff.none()).build());
        store.fail(failed, 0, false);

        assertThat(cancel(active.ref(), ANY_TENANT)).isEqualTo("ACTIVE");
        assertThat(cancel(completed.ref(), ANY_TENANT)).isEqualTo("COMPLETED");
        assertThat(cancel(failed.ref(), ANY_TENANT)).isEqualTo("FAILED");
        assertThat(store.state(active.ref())).contains(JobState.ACTIVE);
    }

    @Test
    void aCancelledJobIsReportedAlreadyCancelledAndAMissingOneNotFound() {
        PreparedJob job = aJob().build();
        store.enqueue(job);
        cancel(job.ref(), ANY_TENANT);

        assertThat(cancel(job.ref(), ANY_TENANT)).isEqualTo("ALREADY_CANCELLED");
        assertThat(cancel(aJob().build().ref(), ANY_TENANT)).isEqualTo("NOT_FOUND");
    }

    private String cancel(JobRef ref, String tenantFilter) {
        return store.observe("cancel", () -> store.store().cancel(ref, tenantFilter));
    }
}
