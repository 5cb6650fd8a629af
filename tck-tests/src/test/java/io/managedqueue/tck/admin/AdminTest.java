package io.managedqueue.tck.admin;

import static io.managedqueue.tck.support.Jobs.awaitState;
import static io.managedqueue.tck.support.Waits.eventually;
import static io.managedqueue.tck.support.Waits.never;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.admin.ManagedQueueAdmin;
import io.managedqueue.api.admin.QueueView;
import io.managedqueue.tck.support.JobLog;
import io.managedqueue.tck.support.TckDeployment;

/**
 * The operators' view across logical queues: every queue listed with its counts, this process among
 * the live workers, a paused queue starts nothing until resumed, a failed job retried runs again.
 */
@ExtendWith(ArquillianExtension.class)
class AdminTest {

    static final String PLUGIN = "@tck/admin";
    static final String ORDERS = "orders";
    static final String INVOICES = "invoices";

    @Deployment
    static Archive<?> deployment() {
        return TckDeployment.forTest(AdminTest.class).classes(OperatedHandler.class, OperatedHandler.Remedy.class).build();
    }

    @Inject
    ManagedQueueService queue;

    @Inject
    ManagedQueueAdmin admin;

    @Inject
    OperatedHandler.Remedy remedy;

    @Inject
    JobLog log;

    @Test
    void operatorsSeeEveryQueueAndSteerIt() {
        awaitState(queue, enqueue(ORDERS, "ship", "ok"), JobState.COMPLETED);
        String failed = enqueue(ORDERS, "ship", "bad");
        awaitState(queue, failed, JobState.FAILED);
        awaitState(queue, enqueue(INVOICES, "send", "ok"), JobState.COMPLETED);

        Map<String, QueueView> views = admin.queues().stream().filter(v -> v.pluginName().equals(PLUGIN))
                .collect(Collectors.toMap(QueueView::queueName, v -> v));
        assertThat(views.keySet()).containsExactlyInAnyOrder(ORDERS, INVOICES);
        assertThat(views.get(ORDERS).count(JobState.COMPLETED)).isEqualTo(1);
        assertThat(views.get(ORDERS).count(JobState.FAILED)).isEqualTo(1);
        assertThat(views.get(INVOICES).count(JobState.COMPLETED)).isEqualTo(1);
        eventually().alias("this process listed as handling both queues").until(() -> admin.workers().stream()
                .anyMatch(w -> w.addresses().stream().map(a -> a.address().queueName()).collect(Collectors.toSet())
                        .containsAll(views.keySet())));

        assertThat(admin.pause(PLUGIN, INVOICES)).isTrue();
        String held = enqueue(INVOICES, "send", "held");
        never(Duration.ofSeconds(1), () -> log.count(held) > 0);
        assertThat(admin.queue(PLUGIN, INVOICES).paused()).isTrue();
        assertThat(admin.queue(PLUGIN, INVOICES).count(JobState.WAITING)).isEqualTo(1);
        assertThat(admin.resume(PLUGIN, INVOICES)).isTrue();
        awaitState(queue, held, JobState.COMPLETED);

        remedy.apply();
        assertThat(admin.retry(failed)).isTrue();
        awaitState(queue, failed, JobState.COMPLETED);
        assertThat(log.count(failed)).as("ran again after the retry").isEqualTo(2);
        QueueView orders = admin.queue(PLUGIN, ORDERS);
        assertThat(orders.count(JobState.COMPLETED)).isEqualTo(2);
        assertThat(orders.count(JobState.FAILED)).isZero();
    }

    private String enqueue(String queueName, String jobName, String payload) {
        return queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, queueName, jobName).payload(payload).tenantId("acme")
                .build()).jobId();
    }
}
