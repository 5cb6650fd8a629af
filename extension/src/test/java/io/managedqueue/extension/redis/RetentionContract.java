package io.managedqueue.extension.redis;

import static io.managedqueue.extension.redis.PreparedJobBuilder.aJob;
import static io.managedqueue.extension.redis.StoreFixture.ANY_TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.Retention;

/** lib-finish.lua's retention: each finish prunes its address's finished jobs, deleting their hashes. */
abstract class RetentionContract extends StoreContract {

    @Test
    void aJobRemovedOnCompleteIsDeletedWithItsLogWhenItCompletes() {
        ClaimedJob running = store.active(aJob().removeOnComplete(Retention.none()).build());
        store.store().appendLog(running, "working", 10);

        store.complete(running);

        assertThat(store.state(running.ref())).isEmpty();
        assertThat(store.store().readLog(running.ref())).isEmpty();
    }

    @Test
    void aJobRemovedOnFailIsDeletedWhenItsFinalAttemptFails() {
        ClaimedJob running = store.active(aJob().attempts(1, Backoff.none()).removeOnFail(Retention.none()).build());

        store.fail(running, 0, false);

        assertThat(store.state(running.ref())).isEmpty();
    }

    @Test
    void aCancelledJobRemovedOnFailIsDeleted() {
        PreparedJob job = aJob().removeOnFail(Retention.none()).build();
        store.enqueue(job);

        store.observe("cancel", () -> store.store().cancel(job.ref(), ANY_TENANT));

        assertThat(store.state(job.ref())).isEmpty();
    }

    @Test
    void aCountRetentionKeepsTheNewestFinishedJobsAndDeletesTheOldest() {
        PreparedJobBuilder keepTwo = aJob().removeOnComplete(Retention.ofCount(2));
        ClaimedJob oldest = finish(keepTwo.withId("a").build());
        ClaimedJob middle = finish(keepTwo.withId("b").build());

        ClaimedJob newest = finish(keepTwo.withId("c").build());

        assertThat(store.state(oldest.ref())).isEmpty();
        assertThat(store.state(middle.ref())).isPresent();
        assertThat(store.state(newest.ref())).isPresent();
    }

    @Test
    void aCountOfAHundredOrMoreIsPrunedInBurstsOnceOnePercentOver() {
        PreparedJobBuilder keep200 = aJob().removeOnComplete(Retention.ofCount(200));
        List<ClaimedJob> finished = new ArrayList<>();
        for (int i = 0; i < 202; i++) {
            finished.add(finish(keep200.withId(String.format("j%03d", i)).build())); // ids sort as they finish
        }
        assertThat(finished).as("200 + 1 %: nothing pruned yet")
                .allSatisfy(job -> assertThat(store.state(job.ref())).isPresent());

        ClaimedJob overTheSlack = finish(keep200.withId("j202").build());

        assertThat(finished.subList(0, 3)).as("the oldest three, cut back to 200 in one burst")
                .allSatisfy(job -> assertThat(store.state(job.ref())).isEmpty());
        assertThat(finished.subList(3, 202)).allSatisfy(job -> assertThat(store.state(job.ref())).isPresent());
        assertThat(store.state(overTheSlack.ref())).isPresent();
    }

    @Test
    void anAgeRetentionDeletesJobsThatFinishedLongerAgoAtTheNextFinish() {
        PreparedJobBuilder shortLived = aJob().removeOnComplete(Retention.ofAge(Duration.ofMillis(20)));
        ClaimedJob old = finish(shortLived.withId("old").build());
        long finishedAt = store.read(old.ref()).finishedAt().toEpochMilli();
        ClaimedJob running = store.active(shortLived.withId("new").build());
        store.eventually(() -> store.cycle(running.address()).redisNow() > finishedAt + 20);

        store.complete(running);

        assertThat(store.state(old.ref())).isEmpty();
        assertThat(store.state(running.ref())).isPresent();
    }

    private ClaimedJob finish(PreparedJob job) {
        ClaimedJob running = store.active(job);
        store.complete(running);
        return running;
    }
}
