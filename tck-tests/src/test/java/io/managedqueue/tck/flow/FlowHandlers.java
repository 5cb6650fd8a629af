package io.managedqueue.tck.flow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.TenantContext;
import io.managedqueue.tck.support.RecordingHandler;

/** The handlers of the flow tests. */
final class FlowHandlers {

    private FlowHandlers() {
    }

    /** What each parent saw when it ran, by parent job id. */
    @ApplicationScoped
    public static class ParentViews {
        /** @param children child id to state  @param results child id to result  @param tenant the parent's tenant */
        public record View(Map<String, JobState> children, Map<String, Integer> results, String tenant) {
        }

        private final Map<String, View> byParent = new ConcurrentHashMap<>();

        /** Called through the bean's proxy: a field read through it would see the proxy's own, empty state. */
        public void record(String parentJobId, View view) {
            byParent.put(parentJobId, view);
        }

        public View of(String parentJobId) {
            return byParent.get(parentJobId);
        }
    }

    /**
     * "measure" records the payload's length as its result; "broken" always fails. In the parent's queue
     * too, where a flow's children live on Redis Cluster.
     */
    @ApplicationScoped
    @PluginJobProcessor(pluginName = FlowTest.PLUGIN, queueName = FlowTest.FETCH, jobName = "measure", concurrency = 3)
    @PluginJobProcessor(pluginName = FlowTest.PLUGIN, queueName = FlowTest.FETCH, jobName = "broken")
    @PluginJobProcessor(pluginName = FlowTest.PLUGIN, queueName = FlowTest.MERGE, jobName = "measure", concurrency = 3)
    @PluginJobProcessor(pluginName = FlowTest.PLUGIN, queueName = FlowTest.MERGE, jobName = "broken")
    public static class ChildHandler extends RecordingHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) throws Exception {
            super.handle(job);
            if (job.name().equals("broken")) {
                throw new IllegalStateException("upstream refused");
            }
            job.setResult(job.data().length());
        }
    }

    @ApplicationScoped
    @PluginJobProcessor(pluginName = FlowTest.PLUGIN, queueName = FlowTest.MERGE, jobName = "merge")
    public static class ParentHandler implements PluginJobHandler<String> {
        @Inject
        ParentViews views;
        @Inject
        TenantContext tenant;

        @Override
        public void handle(ManagedQueueJob<String> job) {
            Map<String, JobState> children = job.children();
            Map<String, Integer> results = new ConcurrentHashMap<>();
            children.keySet().forEach(child -> job.childResult(child, Integer.class).ifPresent(r -> results.put(child, r)));
            views.record(job.id(), new ParentViews.View(children, results, tenant.tenantId().orElse(null)));
        }
    }
}
