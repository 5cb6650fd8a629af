package io.managedqueue.extension.redis;

import static io.managedqueue.extension.redis.PreparedJobBuilder.aJob;
import static io.managedqueue.extension.redis.StoreFixture.ANY_TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.Deduplication;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.api.Retention;
import io.managedqueue.extension.config.RateLimitPolicy;

/**
 * A job hash leaves out each field whose value is its constant default ({@link JobFields}); every
 * reader takes the absent field as that default. Each test runs a job so written beside its twin whose
 * hash holds every field explicitly, as the builds before wrote each job: both must read the same.
 */
abstract class DefaultFieldsContract extends StoreContract {

    /** Each field a hash may leave out, with the value the builds before wrote for it. */
    private static final Map<String, String> WRITTEN_BEFORE = writtenBefore();
    /** The fields a job at every default leaves out. */
    private static final String[] LEFT_OUT = {"boType", "rcAge", "rcCount", "rfAge", "rfCount"};

    private static Map<String, String> writtenBefore() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("maxAttempts", "1");
        fields.put("boType", "FIXED");
        fields.put("boDelay", "0");
        fields.put("boJitter", "0.0");
        fields.put("rcAge", "-1");
        fields.put("rcCount", "-1");
        fields.put("rfAge", "-1");
        fields.put("rfCount", "-1");
        return fields;
    }

    @Test
    void aJobAtEveryDefaultLeavesTheFieldsOutOfItsHash() {
        PreparedJob job = aJob().attempts(1, Backoff.none()).build();

        store.enqueue(job);

        assertThat(hash(job)).doesNotContainKeys(LEFT_OUT)
                .containsKeys("plugin", "queue", "name", "tenant", "payload");
    }

    @Test
    void theJobViewOfAJobAtItsDefaultsIsThatOfItsTwinWrittenInFull() {
        PreparedJob job = aJob().attempts(1, Backoff.none()).build();
        PreparedJob twin = writtenInFull(job);
        store.enqueue(job);
        store.enqueue(twin);

        assertSameView(store.read(job.ref()), store.read(twin.ref()));
        List<JobSnapshot> listed = store.admin().page(new QueueName(StoreFixture.PLUGIN, StoreFixture.QUEUE),
                List.of(new ListingSegment(JobState.WAITING, store.keys().waitList(job.address()), true)), ANY_TENANT, 10,
                ListingCursor.START).jobs();
        assertThat(listed).hasSize(2);
        assertSameView(listed.get(0), listed.get(1));
        assertThat(store.read(job.ref()).maxAttempts()).isEqualTo(1);
    }

    @Test
    void aClaimedJobAtItsDefaultsIsItsTwinWrittenInFull() {
        assertClaimedAlike(aJob().attempts(1, Backoff.none()).build(), 1, Backoff.none());
        assertClaimedAlike(aJob().attempts(3, Backoff.fixed(Duration.ofSeconds(5))).build(), 3,
                Backoff.fixed(Duration.ofSeconds(5)));
        assertClaimedAlike(aJob().attempts(2, Backoff.exponential(Duration.ofSeconds(2))).build(), 2,
                Backoff.exponential(Duration.ofSeconds(2)));
    }

    @Test
    void theFinalAttemptOfAJobAtItsDefaultsFailsItLikeItsTwin() {
        PreparedJob job = aJob().attempts(1, Backoff.none()).build();
        PreparedJob twin = writtenInFull(job);

        for (ClaimedJob running : claimBoth(job, twin)) {
            SettleOutcome outcome = store.fail(running, running.backoff().delayAfter(running.attemptsMade()).toMillis(), false);
            assertThat(outcome.kind()).as("the only attempt of %s", running.ref().localId()).isEqualTo(SettleOutcome.Kind.FAILED);
        }
        assertSameView(store.read(job.ref()), store.read(twin.ref()));
    }

    @Test
    void aRetryOfAJobWithoutBackoffWaitsAgainLikeItsTwin() {
        PreparedJob job = aJob().attempts(2, Backoff.none()).build();
        PreparedJob twin = writtenInFull(job);

        for (ClaimedJob running : claimBoth(job, twin)) {
            long backoff = running.backoff().delayAfter(running.attemptsMade()).toMillis();
            assertThat(backoff).isZero();
            SettleOutcome outcome = store.fail(running, backoff, false);
            assertThat(outcome.kind()).as("attempt 1 of 2 of %s", running.ref().localId())
                    .isEqualTo(SettleOutcome.Kind.RETRY_WAITING);
        }
        assertSameView(store.read(job.ref()), store.read(twin.ref()));
        assertThat(store.read(job.ref()).state()).isEqualTo(JobState.WAITING);
    }

    @Test
    void anUnboundedRetentionKeepsAFinishedJobLikeItsTwin() {
        PreparedJob completes = aJob().attempts(1, Backoff.none()).build();
        PreparedJob fails = aJob().attempts(1, Backoff.none()).build();
        List<PreparedJob> all = List.of(completes, writtenInFull(completes), fails, writtenInFull(fails));
        all.forEach(store::enqueue);

        List<ClaimedJob> running = store.claim(store.store(), completes.address(), 4, List.of(), RateLimitPolicy.NONE).claimed();
        assertThat(running).extracting(ClaimedJob::ref).containsExactlyElementsOf(all.stream().map(PreparedJob::ref).toList());
        running.subList(0, 2).forEach(store::complete);
        running.subList(2, 4).forEach(job -> store.fail(job, 0, false));

        assertThat(all).extracting(job -> store.state(job.ref()).orElse(null))
                .containsExactly(JobState.COMPLETED, JobState.COMPLETED, JobState.FAILED, JobState.FAILED);
    }

    @Test
    void aCountOnlyRetentionOfNoneDeletesAFinishedJobLikeItsTwin() {
        PreparedJob job = aJob().removeOnComplete(Retention.ofCount(0)).build();
        PreparedJob twin = writtenInFull(job);

        for (PreparedJob each : List.of(job, twin)) {
            store.complete(store.active(each));
        }

        assertThat(hashOfFields(job)).doesNotContainKey("rcAge");
        assertThat(store.state(job.ref())).isEmpty();
        assertThat(store.state(twin.ref())).isEmpty();
    }

    @Test
    void aDebouncedRequestAtTheDefaultsTakesNoneOfThePendingJobsOtherValues() {
        Deduplication debounce = Deduplication.debounce("quiet");
        PreparedJob first = aJob().delayed(Duration.ofMinutes(1)).deduplicatedBy(debounce)
                .attempts(4, Backoff.exponential(Duration.ofSeconds(1)).withJitter(0.5))
                .removeOnComplete(Retention.of(Duration.ofHours(1), 10)).removeOnFail(Retention.ofAge(Duration.ofHours(2)))
                .build();
        store.enqueue(first);

        store.enqueue(aJob().delayed(Duration.ofMinutes(1)).deduplicatedBy(debounce).attempts(1, Backoff.none()).build());

        assertThat(hash(first)).doesNotContainKeys(LEFT_OUT);
        assertThat(store.read(first.ref()).maxAttempts()).isEqualTo(1);
    }

    /** @return both jobs, enqueued and claimed in that order */
    private List<ClaimedJob> claimBoth(PreparedJob job, PreparedJob twin) {
        store.enqueue(job);
        store.enqueue(twin);
        List<ClaimedJob> running = store.claim(store.store(), job.address(), 2, List.of(), RateLimitPolicy.NONE).claimed();
        assertThat(running).extracting(ClaimedJob::ref).containsExactly(job.ref(), twin.ref());
        return running;
    }

    private void assertClaimedAlike(PreparedJob job, int maxAttempts, Backoff backoff) {
        PreparedJob twin = writtenInFull(job);
        store.enqueue(job);
        store.enqueue(twin);
        ClaimedJob claimed = store.claimOne(job.address());
        ClaimedJob claimedTwin = store.claimOne(job.address());

        assertThat(claimed.ref()).isEqualTo(job.ref());
        assertThat(claimed).usingRecursiveComparison().ignoringFields("ref", "lease", "enqueuedAt").isEqualTo(claimedTwin);
        assertThat(claimed.maxAttempts()).isEqualTo(maxAttempts);
        assertThat(claimed.backoff()).isEqualTo(backoff);
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(claimed.backoff().delayAfter(attempt)).isEqualTo(claimedTwin.backoff().delayAfter(attempt));
        }
    }

    private static void assertSameView(JobSnapshot job, JobSnapshot twin) {
        assertThat(job).usingRecursiveComparison().ignoringFields("id", "enqueuedAt", "runAt", "startedAt", "finishedAt")
                .isEqualTo(twin);
    }

    /** @return the same job under another id, each field it leaves out written with the value the builds before wrote */
    private static PreparedJob writtenInFull(PreparedJob job) {
        List<String> fields = new ArrayList<>(job.fields());
        WRITTEN_BEFORE.forEach((field, value) -> {
            if (!hashOfFields(job).containsKey(field)) {
                fields.add(field);
                fields.add(value);
            }
        });
        JobRef ref = new JobRef(job.ref().pluginName(), job.ref().queueName(), job.ref().tenant(), "twin-" + UUID.randomUUID());
        return new PreparedJob(ref, job.address(), job.delayMs(), List.copyOf(fields), job.deduplication());
    }

    private static Map<String, String> hashOfFields(PreparedJob job) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < job.fields().size(); i += 2) {
            fields.put(job.fields().get(i), job.fields().get(i + 1));
        }
        return fields;
    }

    private Map<String, String> hash(PreparedJob job) {
        return StoreFixture.client().<String, String>getMap(store.keys().job(job.ref()), StringCodec.INSTANCE).readAllMap();
    }
}
