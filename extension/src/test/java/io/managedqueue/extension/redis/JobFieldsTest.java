package io.managedqueue.extension.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobScope;
import io.managedqueue.api.Retention;

/** What a job hash holds: a value at its field's constant default is left out, and read back as that default. */
class JobFieldsTest {

    private static final JobAddress ADDRESS = new JobAddress("@p/plugin", "q", "job");

    @Test
    void constantDefaultsAreLeftOut() {
        Map<String, String> hash = fields(1, Backoff.none(), Retention.keepAll(), Retention.keepAll());

        assertThat(hash).containsOnlyKeys("plugin", "queue", "name", "tenant", "payload", "maxAttempts", "boDelay", "boJitter");
    }

    @Test
    void valuesThatCameFromConfigurationAreWritten() {
        Map<String, String> hash = fields(3, Backoff.fixed(Duration.ofSeconds(1)), Retention.of(Duration.ofDays(1), 5000),
                Retention.of(Duration.ofDays(7), 5000));

        assertThat(hash).containsEntry("maxAttempts", "3").containsEntry("boDelay", "1000")
                .containsEntry("rcAge", "86400000").containsEntry("rcCount", "5000")
                .containsEntry("rfAge", "604800000").containsEntry("rfCount", "5000")
                .doesNotContainKey("boType");
    }

    @Test
    void eachPartOfARetentionIsLeftOutOnlyWhenUnbounded() {
        assertThat(fields(1, Backoff.none(), Retention.ofCount(0), Retention.ofAge(Duration.ofHours(1))))
                .containsEntry("rcCount", "0").containsEntry("rfAge", "3600000").doesNotContainKeys("rcAge", "rfCount");
    }

    @Test
    void alternatingValuesEachEncodeTheirOwn() {
        Backoff exponential = Backoff.exponential(Duration.ofMillis(250)).withJitter(0.5);
        for (int i = 0; i < 3; i++) {
            assertThat(fields(2, exponential, Retention.none(), Retention.keepAll()))
                    .containsEntry("maxAttempts", "2").containsEntry("boType", "EXPONENTIAL").containsEntry("boDelay", "250")
                    .containsEntry("boJitter", "0.5").containsEntry("rcCount", "0").doesNotContainKeys("rfAge", "rfCount");
            assertThat(fields(1, Backoff.none(), Retention.keepAll(), Retention.keepAll()))
                    .containsEntry("maxAttempts", "1").containsEntry("boJitter", "0.0").doesNotContainKeys("boType", "rcCount");
        }
    }

    @Test
    void anAbsentFieldReadsAsTheValueTheBuildsBeforeWrote() {
        assertThat(JobFields.decodeBackoff(null, null, null)).isEqualTo(JobFields.decodeBackoff("FIXED", "0", "0.0"))
                .isEqualTo(Backoff.none());
        assertThat(JobFields.decodeBackoff("", "", "")).isEqualTo(Backoff.none());
        assertThat(JobFields.decodeBackoff("EXPONENTIAL", "250", "")).isEqualTo(Backoff.exponential(Duration.ofMillis(250)));
        assertThat(JobFields.decodeBackoff("", "1000", "0.25")).isEqualTo(Backoff.fixed(Duration.ofSeconds(1)).withJitter(0.25));
        assertThat(JobFields.decodeMaxAttempts(null)).isEqualTo(JobFields.decodeMaxAttempts("")).isEqualTo(1);
        assertThat(JobFields.decodeMaxAttempts("4")).isEqualTo(4);
    }

    @Test
    void theAddressFieldsOpenThePairsOnlyAsTheConstructorWroteThem() {
        List<String> pairs = new JobFields(ADDRESS).payload("{}").pairs();

        assertThat(JobFields.addressEntries(pairs, ADDRESS)).isEqualTo(6);
        assertThat(pairs.subList(0, 6)).containsExactly("plugin", "@p/plugin", "queue", "q", "name", "job");
        assertThat(JobFields.addressEntries(pairs, new JobAddress("@p/plugin", "q", "other"))).isZero();
        assertThat(JobFields.addressEntries(List.of("payload", "{}"), ADDRESS)).isZero();
    }

    @Test
    void theFieldsAreTakenOnce() {
        JobFields fields = new JobFields(ADDRESS);
        List<String> pairs = fields.pairs();

        assertThatThrownBy(() -> fields.payload("{}")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pairs.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    private static Map<String, String> fields(int attempts, Backoff backoff, Retention onComplete, Retention onFail) {
        List<String> pairs = new JobFields(ADDRESS).scope(JobScope.of("t1", null)).payload("{}").attempts(attempts, backoff)
                .retention(onComplete, onFail).pairs();
        Map<String, String> hash = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            hash.put(pairs.get(i), pairs.get(i + 1));
        }
        assertThat(hash).as("no field twice").hasSize(pairs.size() / 2);
        return hash;
    }
}
