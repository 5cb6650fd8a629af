package io.managedqueue.extension;

import static io.managedqueue.extension.Jobs.PLUGIN;
import static io.managedqueue.extension.Jobs.QUEUE;
import static io.managedqueue.extension.Jobs.aJob;
import static io.managedqueue.extension.PlatformHarness.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;

class BulkEnqueueTest {

    static final Set<Integer> seen = ConcurrentHashMap.newKeySet();
    static final AtomicInteger calls = new AtomicInteger();

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "item", concurrency = 8)
    public static class ItemHandler implements PluginJobHandler<Integer> {
        @Override
        public void handle(ManagedQueueJob<Integer> job) {
            calls.incrementAndGet();
            seen.add(job.data());
        }
    }

    private final PlatformHarness harness = new PlatformHarness("bulk");
    private ManagedQueueService queue;
    private WeldContainer container;

    @BeforeEach
    void start() {
        seen.clear();
        calls.set(0);
        container = harness.start(ItemHandler.class);
        queue = harness.queue(container);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aThousandJobsInOneCallAllRunExactlyOnce() {
        List<EnqueueRequest<?>> requests = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            requests.add(Jobs.<Integer>aJob("item").payload(i).jobId("item-" + i).build());
        }
        List<EnqueueResult> results = queue.enqueueAll(requests);

        assertThat(results).hasSize(1000).allMatch(EnqueueResult::created);
        assertThat(results.get(7).jobId()).endsWith("|item-7");
        await().atMost(timeout(30)).until(() -> seen.size() == 1000);
        assertThat(calls).hasValue(1000);

        List<EnqueueResult> again = queue.enqueueAll(requests.subList(0, 10));
        assertThat(again).noneMatch(EnqueueResult::created);
    }

    @Test
    void aBurstOfAsyncEnqueuesIsStoredInCallOrderAndEachCallerGetsItsOwnResult() throws Exception {
        harness.stop(container); // nothing consumes: the wait list shows the order the jobs were stored in
        WeldContainer producer = harness.start();
        ManagedQueueService producerQueue = harness.queue(producer);
        List<java.util.concurrent.CompletableFuture<EnqueueResult>> results = new ArrayList<>();
        for (int i = 0; i < 600; i++) { // more than one batch in flight at a time, and more than one batch's cap
            results.add(producerQueue.enqueueAsync(Jobs.<Integer>aJob("item").payload(i).jobId("async-" + i).build())
                    .toCompletableFuture());
        }
        EnqueueResult duplicate = producerQueue.enqueueAsync(Jobs.<Integer>aJob("item").payload(-1).jobId("async-3").build())
                .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);

        for (int i = 0; i < 600; i++) {
            EnqueueResult r = results.get(i).get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.created()).isTrue();
            assertThat(r.jobId()).endsWith("|async-" + i);
        }
        assertThat(duplicate.created()).isFalse();
        List<String> waiting = harness.inspector().<String>getList(harness.keys().waitList(new JobAddress(PLUGIN, QUEUE, "item")),
                org.redisson.client.codec.StringCodec.INSTANCE).readAll();
        assertThat(waiting).hasSize(600);
        for (int i = 0; i < 600; i++) {
            assertThat(waiting.get(i)).isEqualTo("t1|async-" + i);
        }
    }

    @Test
    void anEmptyBulkWritesNothing() {
        long keysBefore = harness.keyCount();
        assertThat(queue.enqueueAll(List.of())).isEmpty();
        assertThat(harness.keyCount()).isEqualTo(keysBefore);
        assertThat(queue.enqueueAll(List.of(aJob("item").build()))).hasSize(1);
        assertThat(harness.keyCount()).isGreaterThan(keysBefore);
    }
}
