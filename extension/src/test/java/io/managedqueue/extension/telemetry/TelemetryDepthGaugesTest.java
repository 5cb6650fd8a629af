package io.managedqueue.extension.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;

import io.managedqueue.api.JobState;
import io.managedqueue.api.admin.QueueView;
import io.managedqueue.testing.TestRedis;

/** The depth gauges: global state, so exactly one process (the lease holder) reports them. */
class TelemetryDepthGaugesTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final QueueView OUTBOUND = new QueueView("@acme/notifications", "outbound", Set.of("send"),
            Map.of(JobState.WAITING, 7L, JobState.FAILED, 2L), false, Optional.of(Duration.ofMillis(1500)), 3, Set.of(),
            new QueueView.Throughput(0, 0, 0, 0));

    private final RedissonClient redis = client();
    private final String leaseKey = TestRedis.uniquePrefix("telemetry-gauges") + ":telemetry:depth-reporter";

    /** One process: its lease, reporter and gauges on a meter provider of its own. */
    private final class Pod {
        final InMemoryMetricReader reader = InMemoryMetricReader.create();
        final SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(reader).build();
        final QueueDepthReporter reporter = new QueueDepthReporter(
                new ReporterLease(redis, leaseKey, UUID.randomUUID().toString(), INTERVAL.multipliedBy(3)),
                () -> List.of(OUTBOUND), INTERVAL);
        final QueueDepthGauges gauges = new QueueDepthGauges(meters.get("test"), reporter);

        List<MetricData> collect() {
            return List.copyOf(reader.collectAllMetrics());
        }
    }

    private static RedissonClient client() {
        Config config = new Config();
        config.useSingleServer().setAddress(TestRedis.address());
        return Redisson.create(config);
    }

    @AfterEach
    void close() {
        redis.getBucket(leaseKey).delete();
        redis.shutdown();
    }

    @Test
    void onlyTheLeaseHolderReportsAndAnotherTakesOverWhenItStops() {
        Pod first = new Pod();
        Pod second = new Pod();
        first.reporter.runTask();
        second.reporter.runTask();

        List<MetricData> reported = first.collect();
        assertThat(second.collect()).as("the other pod reports no depth").isEmpty();
        MetricData jobs = metric(reported, "managed_queue.jobs");
        assertThat(jobs.getUnit()).isEqualTo("{job}");
        assertThat(jobs.getLongGaugeData().getPoints()).hasSize(JobState.values().length)
                .anySatisfy(p -> {
                    assertThat(p.getAttributes().get(AttributeKey.stringKey("managed_queue.job.state"))).isEqualTo("waiting");
                    assertThat(p.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")))
                            .isEqualTo("@acme/notifications/outbound");
                    assertThat(p.getValue()).isEqualTo(7);
                });
        MetricData age = metric(reported, "managed_queue.queue.oldest_waiting.age");
        assertThat(age.getUnit()).isEqualTo("s");
        assertThat(age.getDoubleGaugeData().getPoints()).singleElement().satisfies(p -> assertThat(p.getValue()).isEqualTo(1.5));
        assertThat(metric(reported, "managed_queue.workers").getLongGaugeData().getPoints()).singleElement()
                .satisfies(p -> assertThat(p.getValue()).isEqualTo(3));

        first.gauges.close();
        first.reporter.stop(); // gives the lease up
        second.reporter.runTask();
        assertThat(second.collect()).extracting(MetricData::getName).contains("managed_queue.jobs");
        first.meters.close();
        second.meters.close();
    }

    private static MetricData metric(List<MetricData> all, String name) {
        return all.stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }
}
