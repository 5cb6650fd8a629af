package io.managedqueue.extension;

import static io.managedqueue.extension.Jobs.PLUGIN;
import static io.managedqueue.extension.Jobs.QUEUE;
import static io.managedqueue.extension.Jobs.aJob;
import static io.managedqueue.extension.PlatformHarness.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobScope;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.TenantContext;
import io.managedqueue.api.spi.TenantScopeBridge;

class PayloadAndTenantScopeTest {

    public record Order(String id, List<String> lines, Map<String, Integer> quantities) {
    }

    /** What a handler saw while running. */
    record Seen(String jobId, Order data, Optional<String> tenant, Optional<String> organization, Optional<String> user,
                String requestBeanId, String thread, String appTenant) {
    }

    static final List<Seen> seen = new CopyOnWriteArrayList<>();
    static final AtomicInteger requestBeansDestroyed = new AtomicInteger();
    static final List<JobScope> restoredByBridge = new CopyOnWriteArrayList<>();

    @RequestScoped
    public static class RequestBean {
        private final String id = UUID.randomUUID().toString();

        /** A method, not a field: fields of a client proxy are the proxy's own. */
        public String id() {
            return id;
        }

        @PreDestroy
        void destroyed() {
            requestBeansDestroyed.incrementAndGet();
        }
    }

    /** The application's own request-scoped tenant holder, filled by its bridge. */
    @RequestScoped
    public static class AppTenantHolder {
        private String tenant;

        public String tenant() {
            return tenant;
        }

        public void tenant(String tenant) {
            this.tenant = tenant;
        }
    }

    @ApplicationScoped
    public static class AppBridge implements TenantScopeBridge {
        @Inject
        AppTenantHolder holder;

        @Override
        public Optional<JobScope> capture() {
            return Optional.empty();
        }

        @Override
        public void restore(JobScope scope) {
            restoredByBridge.add(scope);
            holder.tenant(scope.tenantId());
        }
    }

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "order")
    public static class OrderHandler implements PluginJobHandler<Order> {
        @Inject
        TenantContext tenant;
        @Inject
        RequestBean requestBean;
        @Inject
        AppTenantHolder appTenant;

        @Override
        public void handle(ManagedQueueJob<Order> job) {
            seen.add(new Seen(job.id(), job.data(), tenant.tenantId(), tenant.organizationId(), tenant.userId(),
                    requestBean.id(), Thread.currentThread().getName(), appTenant.tenant()));
        }
    }

    /** Records every payload version it sees and advances it once, so a retry sees the update. */
    static final List<Integer> progressSeen = new CopyOnWriteArrayList<>();

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "progress")
    public static class ProgressHandler implements PluginJobHandler<Integer> {
        @Override
        public void handle(ManagedQueueJob<Integer> job) {
            progressSeen.add(job.data());
            if (job.attemptsMade() == 1) {
                job.updateData(job.data() + 41);
                throw new IllegalStateException("fail once after saving progress");
            }
        }
    }

    private final PlatformHarness harness = new PlatformHarness("scope");
    private WeldContainer container;
    private ManagedQueueService queue;

    @BeforeEach
    void start() {
        seen.clear();
        restoredByBridge.clear();
        progressSeen.clear();
        requestBeansDestroyed.set(0);
        container = harness.start(OrderHandler.class, ProgressHandler.class, RequestBean.class, AppTenantHolder.class,
                AppBridge.class);
        queue = harness.queue(container);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void typedPayloadArrivesIntact() {
        Order order = new Order("o-1", List.of("apple", "pear"), Map.of("apple", 2, "pear", 5));
        EnqueueResult result = queue.enqueue(Jobs.<Order>aJob("order").payload(order).build());

        await().atMost(timeout(10)).until(() -> seen.size() == 1);
        assertThat(seen.get(0).data()).isEqualTo(order);
        assertThat(seen.get(0).jobId()).isEqualTo(result.jobId());
        awaitState(result.jobId(), JobState.COMPLETED);
    }

    @Test
    void handlerRunsInTheJobsTenantScopeWithFreshRequestBeans() {
        queue.enqueue(Jobs.<Order>aJob("order").tenantId("tenant-a").organizationId("org-a").userId("u-a").build());
        queue.enqueue(Jobs.<Order>aJob("order").tenantId("tenant-b").organizationId("org-b").build());

        await().atMost(timeout(10)).until(() -> seen.size() == 2);
        await().atMost(timeout(10)).untilAsserted(() -> assertThat(requestBeansDestroyed).hasValue(2));
        Seen a = seen.stream().filter(s -> s.tenant().equals(Optional.of("tenant-a"))).findFirst().orElseThrow();
        Seen b = seen.stream().filter(s -> s.tenant().equals(Optional.of("tenant-b"))).findFirst().orElseThrow();
        assertThat(a.organization()).contains("org-a");
        assertThat(a.user()).contains("u-a");
        assertThat(b.organization()).contains("org-b");
        assertThat(b.user()).isEmpty();
        assertThat(a.requestBeanId()).isNotEqualTo(b.requestBeanId());
        assertThat(a.appTenant()).isEqualTo("tenant-a");
        assertThat(b.appTenant()).isEqualTo("tenant-b");
        assertThat(restoredByBridge).extracting(JobScope::tenantId).containsExactlyInAnyOrder("tenant-a", "tenant-b");
    }

    @Test
    void nothingLeaksIntoTheNextJobOnTheSameThread() {
        int jobs = 6;
        for (int i = 0; i < jobs; i++) {
            EnqueueRequest<Order> request = i % 2 == 0
                    ? Jobs.<Order>aJob("order").tenantId("tenant-" + i).organizationId("org-" + i).build()
                    : EnqueueRequest.<Order>builder(PLUGIN, QUEUE, "order").systemWide().build();
            queue.enqueue(request);
            int expected = i + 1;
            await().atMost(timeout(10)).until(() -> seen.size() == expected);
        }
        assertThat(seen.stream().map(Seen::thread).distinct().count()).as("threads are reused").isLessThan(jobs);
        for (int i = 0; i < jobs; i++) {
            Seen job = seen.get(i);
            if (i % 2 == 0) {
                assertThat(job.tenant()).contains("tenant-" + i);
                assertThat(job.appTenant()).isEqualTo("tenant-" + i);
            } else {
                assertThat(job.tenant()).as("system-wide job %d", i).isEmpty();
                assertThat(job.organization()).isEmpty();
                assertThat(job.appTenant()).isNull();
            }
        }
        assertThat(seen.stream().map(Seen::requestBeanId).distinct().count()).isEqualTo(jobs);
        // every job's request beans are destroyed after it, also when the thread's controller is reused
        await().atMost(timeout(10)).untilAsserted(() -> assertThat(requestBeansDestroyed).hasValue(jobs));
    }

    @Test
    void enqueueWithoutAnyTenantIsRefusedAndWritesNothing() {
        long keysBefore = harness.keyCount();
        assertThatThrownBy(() -> queue.enqueue(EnqueueRequest.builder(PLUGIN, QUEUE, "order").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenantId");
        assertThat(harness.keyCount()).isEqualTo(keysBefore);
    }

    @Test
    void tenantIsCapturedFromTheCallersRequestScope() {
        RequestContextController request = container.select(RequestContextController.class).get();
        request.activate();
        EnqueueResult result;
        try {
            container.select(TenantContext.class).get().set(new JobScope("captured", "org-c", "user-c", Map.of()));
            result = queue.enqueue(EnqueueRequest.<Order>builder(PLUGIN, QUEUE, "order").build());
        } finally {
            request.deactivate();
        }
        await().atMost(timeout(10)).until(() -> seen.size() == 1);
        assertThat(seen.get(0).tenant()).contains("captured");
        assertThat(seen.get(0).organization()).contains("org-c");
        assertThat(seen.get(0).user()).contains("user-c");
        assertThat(queue.getJob(result.jobId())).get().extracting(s -> s.tenantId()).isEqualTo("captured");
    }

    @Test
    void firingAnEnqueueRequestEventEnqueuesIt() {
        Event<EnqueueRequest<?>> event = container.select(new TypeLiteral<Event<EnqueueRequest<?>>>() {
        }).get();
        event.fire(Jobs.<Order>aJob("order").payload(new Order("from-event", List.of(), Map.of())).build());
        await().atMost(timeout(10)).until(() -> seen.size() == 1);
        assertThat(seen.get(0).data().id()).isEqualTo("from-event");
    }

    @Test
    void enqueueAsyncEnqueues() throws Exception {
        EnqueueResult result = queue.enqueueAsync(Jobs.<Order>aJob("order").build()).toCompletableFuture().get(timeout(10).toMillis(), TimeUnit.MILLISECONDS);
        assertThat(result.created()).isTrue();
        await().atMost(timeout(10)).until(() -> seen.size() == 1);
    }

    @Test
    void updatedDataIsWhatTheNextAttemptSees() {
        EnqueueResult result = queue.enqueue(Jobs.<Integer>aJob("progress").payload(1).attempts(2)
                .backoff(io.managedqueue.api.Backoff.none()).build());
        awaitState(result.jobId(), JobState.COMPLETED);
        assertThat(progressSeen).containsExactly(1, 42);
        assertThat(queue.getJob(result.jobId()).orElseThrow().payloadJson()).isEqualTo("42");
    }

    @Test
    void aPayloadTheHandlerCannotReadFailsAtOnceSayingWhy() {
        EnqueueResult result = queue.enqueue(Jobs.<String>aJob("progress").payload("not a number").attempts(3).build());
        awaitState(result.jobId(), JobState.FAILED);
        var snapshot = queue.getJob(result.jobId()).orElseThrow();
        assertThat(snapshot.attemptsMade()).as("no retry can cure it").isEqualTo(1);
        assertThat(snapshot.lastError()).contains("payload cannot be read as java.lang.Integer").contains("not a number");
        assertThat(progressSeen).isEmpty();
    }

    private void awaitState(String jobId, JobState state) {
        await().atMost(timeout(10)).until(() -> queue.getJob(jobId).map(s -> s.state() == state).orElse(false));
    }
}
