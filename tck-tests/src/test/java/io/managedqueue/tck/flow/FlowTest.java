package io.managedqueue.tck.flow;

import static io.managedqueue.tck.support.Jobs.awaitState;
import static io.managedqueue.tck.support.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.managedqueue.api.ChildFailure;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.FlowRequest;
import io.managedqueue.api.FlowResult;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.tck.support.JobLog;
import io.managedqueue.tck.support.TckDeployment;
import io.managedqueue.tck.support.Topology;

/**
 * A flow's parent runs only after all its children, which live in another logical queue (in the
 * parent's own on Redis Cluster, where one script must reach them all), and reads their results; a
 * child's final failure fails the parent or is ignored, as declared.
 */
@ExtendWith(ArquillianExtension.class)
class FlowTest {

    static final String PLUGIN = "@tck/flow";
    static final String FETCH = "fetch";
    static final String MERGE = "merge";

    @Deployment
    static Archive<?> deployment() {
        return TckDeployment.forTest(FlowTest.class).classes(FlowHandlers.class, FlowHandlers.ParentViews.class,
                FlowHandlers.ParentViews.View.class, FlowHandlers.ChildHandler.class, FlowHandlers.ParentHandler.class).build();
    }

    @Inject
    ManagedQueueService queue;

    @Inject
    JobLog log;

    @Inject
    FlowHandlers.ParentViews views;

    @Test
    void theParentRunsAfterItsChildrenAndReadsTheirResults() {
        FlowResult flow = queue.enqueueFlow(FlowRequest.builder(job(MERGE, "merge", "all"))
                .child(job(children(), "measure", "four"))
                .child(job(children(), "measure", "sixsix"))
                .build());

        assertThat(flow.created()).isTrue();
        awaitState(queue, flow.parentJobId(), JobState.COMPLETED);
        FlowHandlers.ParentViews.View view = views.of(flow.parentJobId());
        String first = flow.childJobIds().get(0);
        String second = flow.childJobIds().get(1);
        assertThat(view.children()).isEqualTo(Map.of(first, JobState.COMPLETED, second, JobState.COMPLETED));
        assertThat(view.results()).isEqualTo(Map.of(first, 4, second, 6));
        assertThat(view.tenant()).isEqualTo("acme");
        assertThat(queue.getJob(flow.parentJobId()).orElseThrow().startedAt())
                .as("the parent starts after its last child finished")
                .isAfterOrEqualTo(queue.getJob(second).orElseThrow().finishedAt())
                .isAfterOrEqualTo(queue.getJob(first).orElseThrow().finishedAt());
    }

    @Test
    void aChildsFinalFailureFailsTheParentUnlessIgnored() {
        FlowResult strict = queue.enqueueFlow(FlowRequest.builder(job(MERGE, "merge", "strict"))
                .child(job(children(), "broken", "x")).build());
        FlowResult lenient = queue.enqueueFlow(FlowRequest.builder(job(MERGE, "merge", "lenient"))
                .child(job(children(), "broken", "y"), ChildFailure.IGNORE)
                .child(job(children(), "measure", "ok")).build());

        assertThat(awaitState(queue, strict.parentJobId(), JobState.FAILED).lastError())
                .contains(strict.childJobIds().get(0), "upstream refused");
        awaitState(queue, lenient.parentJobId(), JobState.COMPLETED);
        assertThat(views.of(lenient.parentJobId()).children())
                .containsEntry(lenient.childJobIds().get(0), JobState.FAILED)
                .containsEntry(lenient.childJobIds().get(1), JobState.COMPLETED);
        assertThat(views.of(strict.parentJobId())).as("a failed parent never ran").isNull();
    }

    @Test
    void aFlowWithABadChildIsRefusedAndNothingIsWritten() {
        String taken = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, children(), "measure").payload("t").tenantId("acme")
                .jobId("taken").build()).jobId();
        eventually().until(() -> log.count(taken) == 1);

        assertThatThrownBy(() -> queue.enqueueFlow(FlowRequest.builder(
                        EnqueueRequest.<String>builder(PLUGIN, MERGE, "merge").payload("p").tenantId("acme").jobId("never").build())
                .child(job(children(), "measure", "fresh"))
                .child(EnqueueRequest.<String>builder(PLUGIN, children(), "measure").payload("t").tenantId("acme").jobId("taken").build())
                .build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("children[1].jobId");
        assertThat(queue.getJob(PLUGIN + "|" + MERGE + "|acme|never")).as("the parent was not created").isEmpty();
    }

    @Test
    void aFlowAcrossQueuesIsRefusedOnClusterOnly() {
        FlowRequest across = FlowRequest.builder(EnqueueRequest.<String>builder(PLUGIN, MERGE, "merge").payload("p")
                        .tenantId("acme").jobId("across").build())
                .child(job(FETCH, "measure", "elsewhere")).build();
        if (Topology.cluster()) {
            assertThatThrownBy(() -> queue.enqueueFlow(across))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("children[0].queueName");
            assertThat(queue.getJob(PLUGIN + "|" + MERGE + "|acme|across")).as("the parent was not created").isEmpty();
        } else {
            awaitState(queue, queue.enqueueFlow(across).parentJobId(), JobState.COMPLETED);
        }
    }

    /** @return the queue of a flow's children: another one, except on Cluster, where it must be the parent's */
    private static String children() {
        return Topology.cluster() ? MERGE : FETCH;
    }

    private static EnqueueRequest<String> job(String queueName, String jobName, String payload) {
        return EnqueueRequest.<String>builder(PLUGIN, queueName, jobName).payload(payload).tenantId("acme").build();
    }
}
