package io.managedqueue.tck.shutdown;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;

/**
 * Works for as many milliseconds as its payload says, and leaves its traces in Redis (the only
 * thing that outlives a deployment): how often it was called, which job started and which
 * finished. Jobs are system-wide, so the test and the handler compute the same plugin keys.
 */
@ApplicationScoped
@PluginJobProcessor(pluginName = ShutdownTest.PLUGIN, queueName = "slow", jobName = "work")
public class SlowHandler implements PluginJobHandler<Long> {

    @Inject
    ManagedQueueService queue;

    @Override
    public void handle(ManagedQueueJob<Long> job) throws InterruptedException {
        queue.getRedis().getAtomicLong(queue.pluginKey(ShutdownTest.PLUGIN, "calls:" + job.id())).incrementAndGet();
        queue.getRedis().<String>getBucket(queue.pluginKey(ShutdownTest.PLUGIN, "started")).set(job.id());
        // Stands for real work of a known length (a latch nobody opens, so it cannot hang forever).
        new CountDownLatch(1).await(job.data(), TimeUnit.MILLISECONDS);
        queue.getRedis().<String>getBucket(queue.pluginKey(ShutdownTest.PLUGIN, "finished:" + job.id())).set("yes");
    }
}
