package io.managedqueue.extension.telemetry;

import java.util.List;

import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;

/**
 * The synchronous instruments: the semantic conventions' messaging client and process metrics,
 * and counters of retries, final failures and stalls where the conventions have none.
 */
final class JobMetrics {

    /** The buckets semconv recommends for messaging durations (seconds). */
    private static final List<Double> DURATION_BUCKETS =
            List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

    final LongCounter sent;
    final DoubleHistogram operationDuration;
    final LongCounter consumed;
    final DoubleHistogram processDuration;
    final LongCounter retried;
    final LongCounter failed;
    final LongCounter stalled;

    JobMetrics(Meter meter) {
        sent = meter.counterBuilder("messaging.client.sent.messages").setUnit("{message}")
                .setDescription("Jobs sent to Redis by enqueue calls.").build();
        operationDuration = meter.histogramBuilder("messaging.client.operation.duration").setUnit("s")
                .setDescription("Duration of an enqueue round trip to Redis.")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
        consumed = meter.counterBuilder("messaging.client.consumed.messages").setUnit("{message}")
                .setDescription("Attempts of jobs handed to their handlers.").build();
        processDuration = meter.histogramBuilder("messaging.process.duration").setUnit("s")
                .setDescription("Duration of a handler's attempt.")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
        retried = meter.counterBuilder("managed_queue.jobs.retried").setUnit("{job}")
                .setDescription("Failed attempts after which a retry was scheduled.").build();
        failed = meter.counterBuilder("managed_queue.jobs.failed").setUnit("{job}")
                .setDescription("Jobs that failed for good.").build();
        stalled = meter.counterBuilder("managed_queue.jobs.stalled").setUnit("{job}")
                .setDescription("Jobs found with an expired lease: their worker stopped.").build();
    }
}
