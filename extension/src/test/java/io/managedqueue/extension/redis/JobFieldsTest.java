package io.managedqueue.extension.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.JobAddress;

/** What a job hash holds: a value at its field's constant default may be left out, and reads back as that default. */
class JobFieldsTest {

    private static final JobAddress ADDRESS = new JobAddress("@p/plugin", "q", "job");

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
    void theFieldsAreTakenOnce() {
        JobFields fields = new JobFields(ADDRESS);
        List<String> pairs = fields.pairs();

        assertThatThrownBy(() -> fields.payload("{}")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pairs.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
