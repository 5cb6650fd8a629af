package io.managedqueue.extension.tx;

import static io.managedqueue.extension.PlatformHarness.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.JobCompleted;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.TenantContext;
import io.managedqueue.extension.PlatformHarness;
import io.managedqueue.extension.Scopes;

/**
 * Enqueueing from domain events without touching the code that raises them: an observer
 * {@code @Observes(during = AFTER_SUCCESS)} enqueues with the raising request's tenant, and an
 * observer of {@code JobCompleted} enqueues follow-up work once, without a loop.
 */
class DomainEventsTest {

    static final String PLUGIN = "@test/rules";
    static final String QUEUE = "orders";
    /** "job name:payload" -> tenant seen by the handler, and how often it ran */
    static final Map<String, String> tenants = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    /** The domain's own event: the code that fires it knows nothing of jobs. */
    public record OrderPlaced(String orderId) {
    }

    /** The "rule": after a successful commit, charge the order. */
    @ApplicationScoped
    public static class ChargeOnOrderPlaced {
        @Inject
        ManagedQueueService queue;

        void charge(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderPlaced event) {
            // no tenantId: captured from the request that raised the event, still active after its commit
            queue.enqueue(EnqueueRequest.builder(PLUGIN, QUEUE, "charge").payload(event.orderId())
                    .jobId("charge:" + event.orderId()).build());
        }
    }

    /** The follow-up rule: a completed charge sends a receipt. Only "charge" triggers it, so a receipt triggers nothing. */
    @ApplicationScoped
    public static class ReceiptAfterCharge {
        @Inject
        ManagedQueueService queue;

        void receipt(@Observes JobCompleted completed) {
            if (!completed.address().pluginName().equals(PLUGIN) || !completed.address().jobName().equals("charge")) {
                return;
            }
            String orderId = completed.jobId().substring(completed.jobId().lastIndexOf(":") + 1);
            // the event runs outside any request: the tenant comes from the event; a deterministic id
            // makes a redelivered event (at-least-once) create no second receipt
            queue.enqueue(EnqueueRequest.builder(PLUGIN, QUEUE, "receipt").payload(orderId)
                    .tenantId(completed.tenantId()).organizationId(completed.organizationId())
                    .jobId("receipt:" + orderId).build());
        }
    }

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "charge")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "receipt")
    public static class Recorder implements PluginJobHandler<String> {
        @Inject
        TenantContext tenant;

        @Override
        public void handle(ManagedQueueJob<String> job) {
            String key = job.name() + ":" + job.data();
            tenants.put(key, tenant.tenantId().orElse("none"));
            runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    @ApplicationScoped
    public static class OrderService {
        @Inject
        Event<OrderPlaced> placed;

        void place(String orderId) {
            placed.fire(new OrderPlaced(orderId));
        }
    }

    private final PlatformHarness harness = new PlatformHarness("rules");
    private WeldContainer container;

    @BeforeEach
    void start() {
        tenants.clear();
        runs.clear();
        container = harness.start(Jta::with, ChargeOnOrderPlaced.class, ReceiptAfterCharge.class, Recorder.class,
                OrderService.class);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    /** Places an order as a request of tenant acme would, in a transaction that commits or rolls back. */
    private void placeInAcmeRequest(String orderId, boolean commit) {
        Scopes.inTenant(container, "acme", () -> {
            Jta.Work<Object> work = () -> {
                container.select(OrderService.class).get().place(orderId);
                return null;
            };
            try {
                return commit ? Jta.inTransaction(work) : Jta.rolledBack(work);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void anEventOfACommittedTransactionEnqueuesInTheRaisingRequestsTenantAndItsFollowUpRunsOnce() throws Exception {
        placeInAcmeRequest("42", true);

        await().atMost(timeout(10)).until(() -> runs.containsKey("receipt:42"));
        assertThat(tenants).containsEntry("charge:42", "acme").containsEntry("receipt:42", "acme");
        container.select(ManagedQueueService.class).get().enqueue(EnqueueRequest.builder(PLUGIN, QUEUE, "receipt")
                .payload("marker").tenantId("acme").build()); // after the marker, a looping rule would have shown
        await().atMost(timeout(10)).until(() -> runs.containsKey("receipt:marker"));
        assertThat(runs).containsOnlyKeys("charge:42", "receipt:42", "receipt:marker");
        assertThat(runs.values()).allMatch(n -> n.get() == 1);
    }

    @Test
    void anEventOfARolledBackTransactionEnqueuesNothing() throws Exception {
        placeInAcmeRequest("43", false);
        container.select(ManagedQueueService.class).get().enqueue(EnqueueRequest.builder(PLUGIN, QUEUE, "charge")
                .payload("marker").tenantId("acme").build());
        await().atMost(timeout(10)).until(() -> runs.containsKey("charge:marker"));
        assertThat(runs).doesNotContainKey("charge:43");
    }
}
