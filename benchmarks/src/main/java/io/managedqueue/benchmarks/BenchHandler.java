package io.managedqueue.benchmarks;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;

/**
 * The no-op processor of bench.mjs. Its concurrency is set per scenario with
 * {@code managed-queue.concurrency.bench/q/job}.
 */
@ApplicationScoped
@PluginJobProcessor(pluginName = BenchHandler.PLUGIN, queueName = BenchHandler.QUEUE, jobName = BenchHandler.JOB)
public class BenchHandler implements PluginJobHandler<Payload> {

    static final String PLUGIN = "bench";
    static final String QUEUE = "q";
    static final String JOB = "job";

    @Override
    public void handle(ManagedQueueJob<Payload> job) throws Exception {
        Probe.listener.handle(job);
    }
}
