package io.managedqueue.admin.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorMappersTest {

    @Test
    void thePlatformsMessagesNameTheirFieldFirst() {
        assertThat(ErrorMappers.leadingField("limit must be 1 to 100, was 0")).isEqualTo("limit");
        assertThat(ErrorMappers.leadingField("requests[3]: jobId must not be blank")).isEqualTo("requests[3]");
        assertThat(ErrorMappers.leadingField("queueName contains an illegal character")).isEqualTo("queueName");
    }

    @Test
    void aMessageWithoutALeadingWordNamesNoField() {
        assertThat(ErrorMappers.leadingField(null)).isNull();
        assertThat(ErrorMappers.leadingField("")).isNull();
        assertThat(ErrorMappers.leadingField("{x} is odd")).isNull();
    }
}
