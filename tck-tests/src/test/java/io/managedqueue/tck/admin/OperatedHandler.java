package io.managedqueue.tck.admin;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.tck.support.RecordingHandler;

/** Two logical queues (so two hash tags, on Cluster likely two shards); a "bad" payload fails until healed. */
@ApplicationScoped
@PluginJobProcessor(pluginName = AdminTest.PLUGIN, queueName = AdminTest.ORDERS, jobName = "ship")
@PluginJobProcessor(pluginName = AdminTest.PLUGIN, queueName = AdminTest.INVOICES, jobName = "send")
public class OperatedHandler extends RecordingHandler<String> {

    @Inject
    Remedy remedy;

    @Override
    public void handle(ManagedQueueJob<String> job) throws Exception {
        super.handle(job);
        if (job.data().equals("bad") && !remedy.applied()) {
            throw new IllegalStateException("not yet healed");
        }
    }

    /** Whether the cause of the failures has been fixed, as an operator would before retrying. */
    @ApplicationScoped
    public static class Remedy {
        private final AtomicBoolean applied = new AtomicBoolean();

        public boolean applied() {
            return applied.get();
        }

        public void apply() {
            applied.set(true);
        }
    }
}
