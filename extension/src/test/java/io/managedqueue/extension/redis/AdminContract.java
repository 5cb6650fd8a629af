package io.managedqueue.extension.redis;

import static io.managedqueue.extension.redis.PreparedJobBuilder.aJob;
import static io.managedqueue.extension.redis.StoreFixture.ANY_TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.extension.config.RateLimitPolicy;

/**
 * The operators' scripts that move or delete jobs: admin-retry.lua, admin-retry-all.lua,
 * admin-promote.lua, admin-clean.lua, and the pause flag claim.lua honours.
 */
abstract class AdminContract extends StoreContract {

    @Test
    void aRetriedFailedJobWaitsAgainWithItsAttemptsReset() {
        ClaimedJob failed = failed(aJob().attempts(1, Backoff.none()).build());

        assertThat(retry(failed.ref(), ANY_TENANT)).isEqualTo("FAILED");

        JobSnapshot job = store.read(failed.ref());
        assertThat(job.state()).isEqualTo(JobState.WAITING);
        assertThat(job.attemptsMade()).isZero();
        assertThat(job.finishedAt()).isNull();
        assertThat(store.claimOne(failed.address()).attemptsMade()).isEqualTo(1);
    }

    @Test
    void aRetriedCancelledJobWaitsAgain() {
        PreparedJob job = cancelled(aJob().build());

        assertThat(retry(job.ref(), ANY_TENANT)).isEqualTo("CANCELLED");

        assertThat(store.state(job.ref())).contains(JobState.WAITING);
    }

    @Test
    void aRetryOfAJobThatHasNotEndedChangesNothing() {
        ClaimedJob active = store.active(aJob().build());

        assertThat(retry(active.ref(), ANY_TENANT)).isEqualTo("ACTIVE");

        assertThat(store.state(active.ref())).contains(JobState.ACTIVE);
    }

    @Test
    void anotherTenantsJobIsNeitherRetriedNorPromoted() {
        ClaimedJob failed = failed(aJob().ofTenant("t1").attempts(1, Backoff.none()).build());
        PreparedJob delayed = aJob().ofTenant("t1").delayed(Duration.ofMinutes(1)).build();
        store.enqueue(delayed);

        assertThat(retry(failed.ref(), "t2")).isEmpty();
        assertThat(promote(delayed.ref(), "t2")).isEmpty();

        assertThat(store.state(failed.ref())).contains(JobState.FAILED);
        assertThat(store.state(delayed.ref())).contains(JobState.DELAYED);
    }

    @Test
    void retryAllMovesOnlyTheJobsOfTheGivenState() {
        ClaimedJob failed = failed(aJob().attempts(1, Backoff.none()).build());
        PreparedJob cancelled = cancelled(aJob().build());

        long[] batch = store.observe("admin-retry-all",
                () -> store.admin().retryAllBatch(failed.address(), JobState.FAILED, 0, 10));

        assertThat(batch).containsExactly(1, 1, 2);
        assertThat(store.state(failed.ref())).contains(JobState.WAITING);
        assertThat(store.state(cancelled.ref())).contains(JobState.CANCELLED);
    }

    @Test
    void aPromotedDelayedJobWaitsAtOnce() {
        PreparedJob job = aJob().delayed(Duration.ofHours(1)).build();
        store.enqueue(job);

        assertThat(promote(job.ref(), ANY_TENANT)).isEqualTo("DELAYED");

        assertThat(store.claimOne(job.address()).ref()).isEqualTo(job.ref());
    }

    @Test
    void aPromotionOfAWaitingJobChangesNothing() {
        PreparedJob job = aJob().build();
        store.enqueue(job);

        assertThat(promote(job.ref(), ANY_TENANT)).isEqualTo("WAITING");

        assertThat(store.state(job.ref())).contains(JobState.WAITING);
    }

    @Test
    void cleanDeletesTheFinishedJobsOfOneState() {
        ClaimedJob completed = store.active(aJob().build());
        store.complete(completed);
        ClaimedJob failed = failed(aJob().attempts(1, Backoff.none()).build());

        long[] batch = store.observe("admin-clean",
                () -> store.admin().cleanBatch(completed.address(), JobState.COMPLETED, 0, 0, 10));

        assertThat(batch[0]).isEqualTo(1);
        assertThat(store.state(completed.ref())).isEmpty();
        assertThat(store.state(failed.ref())).contains(JobState.FAILED);
    }

    @Test
    void aPausedQueueClaimsNothingAndItsJobsKeepWaiting() {
        PreparedJob job = aJob().build();
        store.enqueue(job);
        QueueName queue = QueueName.of(job.address());
        store.admin().pause(queue);

        assertThat(store.claim(store.store(), job.address(), 1, List.of(), RateLimitPolicy.NONE).claimed()).isEmpty();
        assertThat(store.state(job.ref())).contains(JobState.WAITING);

        store.observe("admin-resume", () -> store.admin().resume(queue, List.of(job.address())));
        assertThat(store.claimOne(job.address()).ref()).isEqualTo(job.ref());
    }

    private ClaimedJob failed(PreparedJob job) {
        ClaimedJob running = store.active(job);
        store.fail(running, 0, true);
        return running;
    }

    private PreparedJob cancelled(PreparedJob job) {
        store.enqueue(job);
        store.observe("cancel", () -> store.store().cancel(job.ref(), ANY_TENANT));
        return job;
    }

    private String retry(JobRef ref, String tenantFilter) {
        return store.observe("admin-retry", () -> store.admin().retry(ref, tenantFilter));
    }

    private String promote(JobRef ref, String tenantFilter) {
        return store.observe("admin-promote", () -> store.admin().promote(ref, tenantFilter));
    }
}
