package io.managedqueue.extension.telemetry;

import java.util.List;
import java.util.Locale;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;

import io.managedqueue.api.JobState;
import io.managedqueue.api.admin.QueueView;

/**
 * The gauges of global queue state: {@code managed_queue.jobs} by {@code managed_queue.job.state},
 * {@code managed_queue.queue.oldest_waiting.age} and {@code managed_queue.workers}, per logical queue.
 * They report what {@link QueueDepthReporter} read, so only the reporting process reports them.
 */
final class QueueDepthGauges implements AutoCloseable {

    private final List<AutoCloseable> gauges;

    QueueDepthGauges(Meter meter, QueueDepthReporter reporter) {
        gauges = List.of(
                meter.gaugeBuilder("managed_queue.jobs").ofLongs().setUnit("{job}")
                        .setDescription("Jobs of a logical queue in each state, across every process.")
                        .buildWithCallback(m -> reporter.current().forEach(q -> {
                            Attributes queue = MessagingAttributes.queue(q.pluginName(), q.queueName());
                            for (JobState state : JobState.values()) {
                                m.record(q.count(state), queue.toBuilder()
                                        .put(MessagingAttributes.JOB_STATE, state.name().toLowerCase(Locale.ROOT)).build());
                            }
                        })),
                meter.gaugeBuilder("managed_queue.queue.oldest_waiting.age").setUnit("s")
                        .setDescription("How long the longest-waiting job of a logical queue has been due.")
                        .buildWithCallback(m -> reporter.current().forEach(q -> q.oldestWaitingAge().ifPresent(age ->
                                m.record(age.toMillis() / 1000.0, MessagingAttributes.queue(q.pluginName(), q.queueName()))))),
                meter.gaugeBuilder("managed_queue.workers").ofLongs().setUnit("{process}")
                        .setDescription("Live processes that handle some job of a logical queue.")
                        .buildWithCallback(m -> reporter.current().forEach(q ->
                                m.record(q.liveWorkers(), MessagingAttributes.queue(q.pluginName(), q.queueName())))));
    }

    @Override
    public void close() {
        for (AutoCloseable gauge : gauges) {
            try {
                gauge.close();
            } catch (Exception e) {
                // a gauge that cannot unregister only keeps reporting nothing (the reporter stopped)
            }
        }
    }
}
