package io.managedqueue.tck.priority;

import static io.managedqueue.tck.support.Jobs.awaitCalls;
import static io.managedqueue.tck.support.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.tck.support.JobLog;
import io.managedqueue.tck.support.TckDeployment;

/**
 * Among the waiting jobs of an address, a job of higher priority starts before every job of lower
 * priority, however many there are; jobs of one priority start in the order they were enqueued.
 */
@ExtendWith(ArquillianExtension.class)
class PriorityTest {

    static final String PLUGIN = "@tck/priority";

    @Deployment
    static Archive<?> deployment() {
        return TckDeployment.forTest(PriorityTest.class).classes(Gate.class, OrderedHandler.class).build();
    }

    @Inject
    ManagedQueueService queue;

    @Inject
    JobLog log;

    @Inject
    Gate gate;

    @Test
    void criticalJobEnqueuedBehindTenThousandBatchJobsStartsNext() {
        String blocker = enqueue("batch", "block", 0).jobId();
        try {
            awaitCalls(log, blocker, 1);
            List<EnqueueRequest<?>> batch = new ArrayList<>(10_000);
            for (int i = 0; i < 10_000; i++) {
                batch.add(request("batch", "batch-" + i, 0).build());
            }
            queue.enqueueAll(batch);
            EnqueueResult critical = enqueue("batch", "critical", 10);
            assertThat(critical.state()).isEqualTo(JobState.WAITING);

            gate.release(blocker);

            assertThat(startedPayloads("batch", 4)).as("the critical job starts right after the running one")
                    .containsExactly("block", "critical", "batch-0", "batch-1");
        } finally {
            gate.release(blocker);
        }
    }

    @Test
    void jobsOfOnePriorityStartInTheOrderTheyWereEnqueued() {
        String blocker = enqueue("fifo", "block", 0).jobId();
        try {
            awaitCalls(log, blocker, 1);
            List<String> expected = new ArrayList<>();
            List<String> later = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                enqueue("fifo", "p5-" + i, 5);
                expected.add("p5-" + i);
                enqueue("fifo", "p0-" + i, 0);
                later.add("p0-" + i);
            }
            expected.addAll(later);
            expected.add(0, "block");

            gate.release(blocker);

            assertThat(startedPayloads("fifo", expected.size())).containsExactlyElementsOf(expected);
        } finally {
            gate.release(blocker);
        }
    }

    @Test
    void higherPrioritiesStartFirstAcrossSeveralPriorities() {
        String blocker = enqueue("mixed", "block", 0).jobId();
        try {
            awaitCalls(log, blocker, 1);
            // enqueued in this order: priority, then a letter for the order within the priority
            String[][] plan = {{"low-a", "-5"}, {"p1-a", "1"}, {"default-a", "0"}, {"max-a", "1000000"}, {"p2-a", "2"},
                {"min-a", "-1000000"}, {"p1-b", "1"}, {"default-b", "0"}, {"p2-b", "2"}, {"low-b", "-5"}, {"p1-c", "1"},
                {"max-b", "1000000"}, {"min-b", "-1000000"}};
            for (String[] job : plan) {
                enqueue("mixed", job[0], Integer.parseInt(job[1]));
            }

            gate.release(blocker);

            assertThat(startedPayloads("mixed", plan.length + 1)).containsExactly("block", "max-a", "max-b", "p2-a", "p2-b",
                    "p1-a", "p1-b", "p1-c", "default-a", "default-b", "low-a", "low-b", "min-a", "min-b");
        } finally {
            gate.release(blocker);
        }
    }

    @Test
    void priorityOutOfRangeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> request("mixed", "x", EnqueueRequest.MAX_PRIORITY + 1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("priority");
        assertThatThrownBy(() -> request("mixed", "x", EnqueueRequest.MIN_PRIORITY - 1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("priority");
    }

    private EnqueueResult enqueue(String jobName, String payload, int priority) {
        return queue.enqueue(request(jobName, payload, priority).build());
    }

    private static EnqueueRequest.Builder<String> request(String jobName, String payload, int priority) {
        return EnqueueRequest.<String>builder(PLUGIN, "work", jobName).payload(payload).tenantId("acme").priority(priority);
    }

    /** Waits for the first {@code count} starts on one address and returns their payloads in start order. */
    private List<Object> startedPayloads(String jobName, int count) {
        return eventually().alias(count + " starts of " + jobName)
                .until(() -> log.calls().stream().filter(c -> c.jobName().equals(jobName)).map(JobLog.Call::data).toList(),
                        started -> started.size() >= count)
                .subList(0, count);
    }
}
