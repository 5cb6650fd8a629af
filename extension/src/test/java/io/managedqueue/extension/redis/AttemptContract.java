package io.managedqueue.extension.redis;

import static io.managedqueue.extension.redis.PreparedJobBuilder.aJob;
import static io.managedqueue.extension.redis.StoreFixture.withAnotherLease;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;

/**
 * The scripts a worker calls while it holds a job: release.lua, extend-leases.lua, update-data.lua,
 * append-log.lua. Each needs the lease; a stale one changes nothing. (A failed attempt settles with the
 * next claim: ClaimContract.)
 */
abstract class AttemptContract extends StoreContract {

    @Test
    void aReleasedJobWaitsAgainAtTheHeadWithoutUsingAnAttempt() {
        PreparedJob released = aJob().build();
        ClaimedJob running = store.active(released);
        store.enqueue(aJob().build());

        assertThat(store.observe("release", () -> store.store().release(running))).isTrue();

        assertThat(store.read(released.ref()).attemptsMade()).isZero();
        assertThat(store.claimOne(released.address()).ref()).isEqualTo(released.ref());
    }

    @Test
    void aReleaseWithAStaleLeaseChangesNothing() {
        ClaimedJob running = store.active(aJob().build());

        assertThat(store.observe("release", () -> store.store().release(withAnotherLease(running)))).isFalse();

        assertThat(store.state(running.ref())).contains(JobState.ACTIVE);
    }

    @Test
    void aRenewedLeaseOutlivesItsFirstExpiryWhileAnUnrenewedOneStalls() {
        PreparedJob renewed = aJob().build();
        PreparedJob abandoned = aJob().build();
        store.enqueue(renewed);
        store.enqueue(abandoned);
        ClaimedJob kept = store.claimOne(store.shortLeaseStore(), renewed.address());
        store.claimOne(store.shortLeaseStore(), abandoned.address());

        List<String> lost = store.observe("extend-leases", () -> store.store().extendLeases(renewed.address(), List.of(kept)));

        assertThat(lost).isEmpty();
        store.cycleUntil(abandoned, JobState.WAITING);
        assertThat(store.state(renewed.ref())).contains(JobState.ACTIVE);
    }

    @Test
    void aRenewalWithAStaleLeaseReportsTheJobLost() {
        ClaimedJob running = store.active(aJob().build());

        List<String> lost = store.observe("extend-leases",
                () -> store.store().extendLeases(running.address(), List.of(withAnotherLease(running))));

        assertThat(lost).containsExactly(running.ref().member());
        assertThat(store.state(running.ref())).contains(JobState.ACTIVE);
    }

    @Test
    void theLeaseHolderReplacesPayloadResultAndProgressAndTheStateStays() {
        ClaimedJob running = store.active(aJob().build());

        store.observe("update-data", () -> List.of(store.store().updateData(running, "{\"n\":2}"),
                store.store().setResult(running, "\"done\""), store.store().setProgress(running, 40)));

        JobSnapshot job = store.read(running.ref());
        assertThat(job.state()).isEqualTo(JobState.ACTIVE);
        assertThat(job.payloadJson()).isEqualTo("{\"n\":2}");
        assertThat(job.resultJson()).isEqualTo("\"done\"");
        assertThat(job.progress()).isEqualTo(40);
    }

    @Test
    void anUpdateWithAStaleLeaseChangesNothing() {
        ClaimedJob running = store.active(aJob().build());

        assertThat(store.observe("update-data", () -> store.store().updateData(withAnotherLease(running), "{\"n\":2}")))
                .isFalse();

        assertThat(store.read(running.ref()).payloadJson()).isEqualTo("{\"n\":1}");
    }

    @Test
    void theLogKeepsTheNewestLinesAndOnlyTheLeaseHolderWrites() {
        ClaimedJob running = store.active(aJob().build());

        store.observe("append-log", () -> List.of("one", "two", "three").stream()
                .map(line -> store.store().appendLog(running, line, 2)).toList());
        boolean stale = store.observe("append-log", () -> store.store().appendLog(withAnotherLease(running), "stale", 2));

        assertThat(stale).isFalse();
        assertThat(store.store().readLog(running.ref())).containsExactly("two", "three");
        assertThat(store.state(running.ref())).contains(JobState.ACTIVE);
    }
}
