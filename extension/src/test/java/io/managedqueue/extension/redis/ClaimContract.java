package io.managedqueue.extension.redis;

import static io.managedqueue.extension.redis.PreparedJobBuilder.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.extension.config.RateLimitPolicy;

/** claim.lua, step by step: settle completions, promote delayed, recover stalled, park rate-limited, claim. */
abstract class ClaimContract extends StoreContract {

    @Test
    void aClaimMakesTheOldestWaitingJobActiveUnderALease() {
        PreparedJob oldest = aJob().build();
        PreparedJob newest = aJob().build();
        store.enqueue(oldest);
        store.enqueue(newest);

        ClaimedJob claimed = store.claimOne(oldest.address());

        assertThat(claimed.ref()).isEqualTo(oldest.ref());
        assertThat(claimed.attemptsMade()).isEqualTo(1);
        assertThat(store.state(oldest.ref())).contains(JobState.ACTIVE);
        assertThat(store.state(newest.ref())).contains(JobState.WAITING);
    }

    @Test
    void aHigherPriorityJobIsClaimedFirst() {
        PreparedJob plain = aJob().build();
        PreparedJob urgent = aJob().priority(10).build();
        store.enqueue(plain);
        store.enqueue(urgent);

        assertThat(store.claimOne(plain.address()).ref()).isEqualTo(urgent.ref());
    }

    @Test
    void aCompletionSentWithTheNextClaimCompletesTheJob() {
        PreparedJob job = aJob().build();
        ClaimedJob running = store.active(job);

        assertThat(store.complete(running)).isTrue();

        JobSnapshot done = store.read(job.ref());
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.finishedAt()).isNotNull();
    }

    @Test
    void aCompletionWithAnotherLeaseChangesNothing() {
        PreparedJob job = aJob().build();
        ClaimedJob running = store.active(job);

        assertThat(store.complete(StoreFixture.withAnotherLease(running))).isFalse();

        assertThat(store.state(job.ref())).contains(JobState.ACTIVE);
    }

    @Test
    void aDueDelayedJobBecomesWaiting() {
        PreparedJob job = aJob().delayed(Duration.ofMillis(20)).build();
        store.enqueue(job);

        store.cycleUntil(job, JobState.WAITING);

        assertThat(store.claimOne(job.address()).ref()).isEqualTo(job.ref());
    }

    @Test
    void aJobWhoseLeaseExpiredWaitsAgainWithoutLosingAnAttempt() {
        PreparedJob job = aJob().build();
        store.enqueue(job);
        store.claimOne(store.shortLeaseStore(), job.address());

        store.cycleUntil(job, JobState.WAITING);

        assertThat(store.read(job.ref()).attemptsMade()).as("the stalled attempt does not count").isZero();
        assertThat(store.claimOne(job.address()).attemptsMade()).isEqualTo(1);
    }

    @Test
    void aJobThatStallsMoreOftenThanMaxStallsFails() {
        PreparedJob job = aJob().build();
        store.enqueue(job);
        for (int stall = 1; stall <= StoreFixture.MAX_STALLS; stall++) {
            store.claimOne(store.shortLeaseStore(), job.address());
            store.cycleUntil(job, JobState.WAITING);
        }
        store.claimOne(store.shortLeaseStore(), job.address());

        store.cycleUntil(job, JobState.FAILED);

        assertThat(store.read(job.ref()).lastError()).contains("stalled " + (StoreFixture.MAX_STALLS + 1) + " times");
    }

    @Test
    void aJobOverItsKeysRateLimitIsParkedStillWaitingWhileOtherKeysPass() {
        RateLimitPolicy onePerKey = new RateLimitPolicy(1, 60_000);
        PreparedJob first = aJob().rateLimitKey("k1").build();
        PreparedJob parked = aJob().rateLimitKey("k1").build();
        PreparedJob otherKey = aJob().rateLimitKey("k2").build();
        List.of(first, parked, otherKey).forEach(store::enqueue);

        List<ClaimedJob> claimed = store.claim(store.store(), first.address(), 3, List.of(), onePerKey).claimed();

        assertThat(claimed).extracting(ClaimedJob::ref).containsExactly(first.ref(), otherKey.ref());
        assertThat(store.state(parked.ref())).contains(JobState.WAITING);
        assertThat(store.claim(store.store(), first.address(), 3, List.of(), onePerKey).claimed())
                .as("a parked job is not claimed while its key's window is full").isEmpty();
        assertThat(store.state(parked.ref())).contains(JobState.WAITING);
    }

    @Test
    void aParkedJobIsClaimedOnceItsKeysWindowHasRoom() {
        RateLimitPolicy onePerKey = new RateLimitPolicy(1, 50);
        PreparedJob parked = store.parkedBehindARunningJob("k1", onePerKey);

        store.eventually(() -> !store.claim(store.store(), parked.address(), 1, List.of(), onePerKey).claimed().isEmpty());

        assertThat(store.state(parked.ref())).contains(JobState.ACTIVE);
    }
}
