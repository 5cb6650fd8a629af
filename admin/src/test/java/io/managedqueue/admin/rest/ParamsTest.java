package io.managedqueue.admin.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.managedqueue.admin.json.BadInput;
import io.managedqueue.api.JobState;

class ParamsTest {

    @Test
    void statesAreRepeatedOrCommaSeparatedAndDefaultToAll() {
        assertThat(Params.states("state", List.of("failed,CANCELLED", "DELAYED")))
                .containsExactlyInAnyOrder(JobState.FAILED, JobState.CANCELLED, JobState.DELAYED);
        assertThat(Params.states("state", null)).isEqualTo(EnumSet.allOf(JobState.class));
    }

    @Test
    void anUnknownStateNamesTheField() {
        assertThatThrownBy(() -> Params.states("state", List.of("BOGUS")))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.field()).isEqualTo("state"));
    }

    @Test
    void integersAreCheckedForFormAndRange() {
        assertThat(Params.integer("limit", null, 20, 1, 100)).isEqualTo(20);
        assertThat(Params.integer("limit", " 5 ", 20, 1, 100)).isEqualTo(5);
        assertThatThrownBy(() -> Params.integer("limit", "0", 20, 1, 100)).hasMessageContaining("limit must be 1 to 100");
        assertThatThrownBy(() -> Params.integer("limit", "ten", 20, 1, 100)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Params.integer("limit", "99999999999", 20, 1, 100)).isInstanceOf(BadInput.class);
    }

    @Test
    void aMissingBodyOrValueIsRefused() {
        assertThatThrownBy(() -> Params.body(null))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.field()).isEqualTo("body"));
        assertThatThrownBy(() -> Params.required("jobId", " "))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.field()).isEqualTo("jobId"));
    }
}
