package io.managedqueue.extension.redis;

import static io.managedqueue.extension.redis.PreparedJobBuilder.aJob;
import static io.managedqueue.extension.redis.StoreFixture.failure;
import static io.managedqueue.extension.redis.StoreFixture.withAnotherLease;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.extension.config.RateLimitPolicy;
import io.managedqueue.extension.engine.WakeUps;

/**
 * claim.lua, step by step: settle the attempts a worker ended (completed or failed), promote delayed,
 * recover stalled, park rate-limited, claim.
 */
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

        assertThat(store.complete(withAnotherLease(running))).isFalse();

        assertThat(store.state(job.ref())).contains(JobState.ACTIVE);
    }

    @Test
    void aFailedAttemptWithAttemptsLeftAndNoBackoffWaitsAgain() {
        ClaimedJob running = store.active(aJob().attempts(2, Backoff.none()).build());

        SettleOutcome outcome = store.fail(running, 0, false);

        assertThat(outcome.kind()).isEqualTo(SettleOutcome.Kind.RETRY_WAITING);
        assertThat(outcome.attemptsMade()).isEqualTo(1);
        JobSnapshot job = store.read(running.ref());
        assertThat(job.state()).isEqualTo(JobState.WAITING);
        assertThat(job.lastError()).isEqualTo("boom");
        assertThat(store.claimOne(running.address()).attemptsMade()).as("the next attempt").isEqualTo(2);
    }

    @Test
    void aFailedAttemptWithABackoffIsDelayedUntilTheBackoffEnds() {
        ClaimedJob running = store.active(aJob().attempts(2, Backoff.fixed(Duration.ofMinutes(1))).build());
        Instant before = Instant.now();

        SettleOutcome outcome = store.fail(running, Duration.ofMinutes(1).toMillis(), false);

        assertThat(outcome.kind()).isEqualTo(SettleOutcome.Kind.RETRY_DELAYED);
        assertThat(outcome.at()).as("due when the backoff ends, by Redis's clock")
                .isAfter(before.plus(Duration.ofSeconds(50)));
        JobSnapshot job = store.read(running.ref());
        assertThat(job.state()).isEqualTo(JobState.DELAYED);
        assertThat(job.runAt()).isEqualTo(outcome.at());
        assertThat(job.lastError()).isEqualTo("boom");
    }

    @Test
    void theFinalFailedAttemptFailsTheJob() {
        ClaimedJob running = store.active(aJob().attempts(1, Backoff.none()).build());

        SettleOutcome outcome = store.fail(running, 0, false);

        assertThat(outcome.kind()).isEqualTo(SettleOutcome.Kind.FAILED);
        assertThat(outcome.attemptsMade()).isEqualTo(1);
        JobSnapshot job = store.read(running.ref());
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.finishedAt()).isEqualTo(outcome.at());
        assertThat(job.lastError()).isEqualTo("boom");
    }

    @Test
    void aPermanentFailureFailsTheJobWithAttemptsLeft() {
        ClaimedJob running = store.active(aJob().attempts(5, Backoff.none()).build());

        assertThat(store.fail(running, 0, true).kind()).isEqualTo(SettleOutcome.Kind.FAILED);

        assertThat(store.state(running.ref())).contains(JobState.FAILED);
    }

    @Test
    void aFailureSettledWithAStaleLeaseChangesNothing() {
        ClaimedJob running = store.active(aJob().attempts(1, Backoff.none()).build());

        assertThat(store.fail(withAnotherLease(running), 0, true).kind()).isEqualTo(SettleOutcome.Kind.LEASE_LOST);

        JobSnapshot job = store.read(running.ref());
        assertThat(job.state()).isEqualTo(JobState.ACTIVE);
        assertThat(job.lastError()).isNull();
    }

    @Test
    void completionsAndFailuresSettleTogetherInOrderAndARetryIsClaimedByTheSameCall() {
        ClaimedJob done = store.active(aJob().build());
        ClaimedJob retried = store.active(aJob().attempts(2, Backoff.none()).build());
        ClaimedJob delayed = store.active(aJob().attempts(2, Backoff.fixed(Duration.ofSeconds(1))).build());
        ClaimedJob failed = store.active(aJob().attempts(1, Backoff.none()).build());
        ClaimedJob stale = store.active(aJob().build());

        ClaimBatch batch = store.claim(store.store(), done.address(), 1, List.of(Settlement.completed(done),
                failure(retried, 0, false), failure(delayed, 1_000, false), failure(failed, 0, false),
                failure(withAnotherLease(stale), 0, false)), RateLimitPolicy.NONE);

        assertThat(batch.settled()).extracting(SettleOutcome::kind).containsExactly(SettleOutcome.Kind.COMPLETED,
                SettleOutcome.Kind.RETRY_WAITING, SettleOutcome.Kind.RETRY_DELAYED, SettleOutcome.Kind.FAILED,
                SettleOutcome.Kind.LEASE_LOST);
        assertThat(batch.claimed()).as("settled before the claim step: the retry is the one job waiting")
                .extracting(ClaimedJob::ref).containsExactly(retried.ref());
        assertThat(batch.claimed().get(0).attemptsMade()).isEqualTo(2);
        assertThat(store.state(done.ref())).contains(JobState.COMPLETED);
        assertThat(store.state(delayed.ref())).contains(JobState.DELAYED);
        assertThat(store.state(failed.ref())).contains(JobState.FAILED);
        assertThat(store.state(stale.ref())).contains(JobState.ACTIVE);
        assertThat(batch.nextWakeAt()).as("the delayed retry is the address's next look (leases end later)").isEqualTo(store.read(delayed.ref())
                .runAt().toEpochMilli());
    }

    @Test
    void aSettledRetryWakesIdleWorkersWhenItWaitsOrIsTheEarliestDelayedJobButNotWhenTheSameClaimTakesIt() {
        ClaimedJob takenAtOnce = store.active(aJob().attempts(2, Backoff.none()).build());
        ClaimedJob delayed = store.active(aJob().attempts(2, Backoff.fixed(Duration.ofMinutes(1))).build());
        ClaimedJob leftWaiting = store.active(aJob().attempts(2, Backoff.none()).build());
        String address = RedisKeys.wire(takenAtOnce.address());
        List<String> wakes = new CopyOnWriteArrayList<>();
        WakeUps.Subscription subscription = new WakeUpTopic(StoreFixture.client(), store.keys())
                .subscribe((woken, dueAt) -> wakes.add(woken + "@" + dueAt));
        try {
            ClaimBatch batch = store.claim(store.store(), takenAtOnce.address(), 1, List.of(failure(takenAtOnce, 0, false)),
                    RateLimitPolicy.NONE);
            assertThat(batch.claimed()).extracting(ClaimedJob::ref).containsExactly(takenAtOnce.ref());
            SettleOutcome delay = store.fail(delayed, 60_000, false);
            store.fail(leftWaiting, 0, false);

            // pub/sub keeps the order of publishing: had the first call woken anyone, its wake-up would come first
            store.eventually(() -> wakes.size() >= 2);
            assertThat(wakes).containsExactly(address + "@" + delay.at().toEpochMilli(), address + "@0");
        } finally {
            subscription.cancel();
        }
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
