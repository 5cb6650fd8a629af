package io.managedqueue.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.managedqueue.api.JobState;

class AdminValuesTest {

    @Test
    void queryDefaultsToEveryStateAndTwentyPerPage() {
        JobQuery query = JobQuery.queue("@acme/p", "q");
        assertThat(query.states()).containsExactlyInAnyOrder(JobState.values());
        assertThat(query.limit()).isEqualTo(JobQuery.DEFAULT_LIMIT);
        assertThat(query.jobName()).isEmpty();
        assertThat(query.tenantId()).isEmpty();
        assertThat(query.cursor()).isEmpty();
    }

    @Test
    void queryWithersReturnNewQueriesAndChangingStatesDropsTheCursor() {
        JobQuery first = JobQuery.queue("@acme/p", "q").states(JobState.FAILED, JobState.CANCELLED).limit(50).after("c1");
        assertThat(first.states()).containsExactly(JobState.FAILED, JobState.CANCELLED);
        assertThat(first.limit()).isEqualTo(50);
        assertThat(first.cursor()).hasValue("c1");
        assertThat(first.states(JobState.COMPLETED).cursor()).isEmpty();
        assertThat(first.tenant("t1").cursor()).hasValue("c1");
    }

    @Test
    void badQueryInputNamesTheField() {
        assertThatThrownBy(() -> JobQuery.queue(" ", "q")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pluginName");
        assertThatThrownBy(() -> JobQuery.queue("p", "a|b")).hasMessageContaining("queueName");
        assertThatThrownBy(() -> JobQuery.queue("p", "q").limit(0)).hasMessageContaining("limit");
        assertThatThrownBy(() -> JobQuery.queue("p", "q").limit(101)).hasMessageContaining("limit");
        assertThatThrownBy(() -> JobQuery.queue("p", "q").states(Set.of())).hasMessageContaining("states");
        assertThatThrownBy(() -> JobQuery.queue("p", "q").tenant(" ")).hasMessageContaining("tenantId");
        assertThatThrownBy(() -> JobQuery.address(null)).hasMessageContaining("address");
    }

    @Test
    void queueViewHasACountForEveryStateAndFlagsWaitingJobsWithoutWorker() {
        QueueView view = new QueueView("p", "q", Set.of("a", "b"), Map.of(JobState.WAITING, 3L), false, Optional.empty(), 0,
                Set.of("b"), new QueueView.Throughput(0, 0, 0, 0));
        assertThat(view.counts()).hasSize(JobState.values().length);
        assertThat(view.count(JobState.WAITING)).isEqualTo(3);
        assertThat(view.count(JobState.FAILED)).isZero();
        assertThat(view.noWorker()).isTrue();
        QueueView paused = new QueueView("p", "q", Set.of("a"), Map.of(), true, Optional.empty(), 0, Set.of("a"),
                new QueueView.Throughput(0, 0, 0, 0));
        assertThat(paused.noWorker()).as("a paused queue is not missing a worker").isFalse();
    }
}
