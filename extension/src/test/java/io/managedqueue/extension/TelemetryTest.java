package io.managedqueue.extension;

import static io.managedqueue.extension.Jobs.PLUGIN;
import static io.managedqueue.extension.Jobs.QUEUE;
import static io.managedqueue.extension.PlatformHarness.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.ScheduleSpec;
import io.managedqueue.extension.redis.JobRef;
import io.managedqueue.extension.telemetry.TelemetrySource;

/** Spans and metrics on the application's OpenTelemetry (an in-memory SDK here), across processes sharing one Redis. */
class TelemetryTest {

    /** Never to appear in any attribute. */
    static final String TENANT = "tenant-secret-7f3a";
    static final String DESTINATION = PLUGIN + "/" + QUEUE;

    /** One call of the handler: which job, which attempt, and the span current during it. */
    record Call(String jobId, String jobName, int attempt, SpanContext current) {
    }

    static final List<Call> calls = new CopyOnWriteArrayList<>();

    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "traced")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "flaky")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "doomed")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "tick")
    @ApplicationScoped
    public static class TracedHandler implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
            calls.add(new Call(job.id(), job.name(), job.attemptsMade(), Span.current().getSpanContext()));
            if (job.name().equals("doomed") || job.name().equals("flaky") && job.attemptsMade() <= 2) {
                throw new IllegalStateException("provider unavailable");
            }
        }
    }

    private PlatformHarness platform;
    private TelemetryFixture telemetry;

    @BeforeEach
    void start() {
        calls.clear();
        platform = new PlatformHarness("telemetry");
        telemetry = new TelemetryFixture();
    }

    @AfterEach
    void stop() {
        platform.close();
        telemetry.close();
    }

    private static EnqueueRequest<String> job(String name) {
        return EnqueueRequest.<String>builder(PLUGIN, QUEUE, name).tenantId(TENANT).payload("hello")
                .attempts(3).backoff(Backoff.fixed(Duration.ofMillis(50))).build();
    }

    /** Enqueues inside a request span, as a JAX-RS resource would; @return that span's context */
    private SpanContext inRequest(Runnable enqueue) {
        Span request = telemetry.sdk.getTracer("test").spanBuilder("POST /api/notifications").setSpanKind(SpanKind.SERVER)
                .startSpan();
        try (Scope ignored = request.makeCurrent()) {
            enqueue.run();
        } finally {
            request.end();
        }
        return request.getSpanContext();
    }

    private List<Call> awaitCalls(String jobName, int count) {
        await().atMost(timeout(15)).until(() -> calls.stream().filter(c -> c.jobName().equals(jobName)).count() >= count);
        List<Call> of = calls.stream().filter(c -> c.jobName().equals(jobName)).toList();
        // the span ends just after handle() returns
        await().atMost(timeout(5)).until(() -> telemetry.spansNamed("process " + DESTINATION).stream()
                .filter(s -> of.stream().anyMatch(c -> c.current().getSpanId().equals(s.getSpanId()))).count() >= count);
        return of;
    }

    private SpanData processSpanOf(Call call) {
        return telemetry.spansNamed("process " + DESTINATION).stream()
                .filter(s -> s.getSpanId().equals(call.current().getSpanId())).findFirst().orElseThrow();
    }

    @Test
    void aRequestsTraceContinuesIntoItsJobOnAnotherProcessThroughALink() {
        WeldContainer web = platform.start(TelemetryFixture.Producer.class);
        platform.start(TelemetryFixture.Producer.class, TracedHandler.class);
        EnqueueResult[] result = new EnqueueResult[1];
        SpanContext request = inRequest(() -> result[0] = platform.queue(web).enqueue(job("traced")));

        Call call = awaitCalls("traced", 1).get(0);
        SpanData send = telemetry.spansNamed("send " + DESTINATION).get(0);
        assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(send.getTraceId()).isEqualTo(request.getTraceId());
        assertThat(send.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(send.getAttributes().asMap()).containsEntry(AttributeKey.stringKey("messaging.system"), "managed_queue")
                .containsEntry(AttributeKey.stringKey("messaging.destination.name"), DESTINATION)
                .containsEntry(AttributeKey.stringKey("messaging.operation.name"), "send")
                .containsEntry(AttributeKey.stringKey("managed_queue.job.name"), "traced")
                .containsEntry(AttributeKey.stringKey("messaging.message.id"), JobRef.parse(result[0].jobId()).localId());

        SpanData process = processSpanOf(call);
        assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(process.getTraceId()).as("a trace of its own").isNotEqualTo(request.getTraceId());
        assertThat(process.getLinks()).extracting(LinkData::getSpanContext).extracting(SpanContext::getTraceId, SpanContext::getSpanId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(send.getTraceId(), send.getSpanId()));
        assertThat(process.getAttributes().asMap()).containsEntry(AttributeKey.stringKey("messaging.operation.name"), "process")
                .containsEntry(AttributeKey.stringKey("managed_queue.job.name"), "traced");
        assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        assertMetric("messaging.client.sent.messages", "{message}", "send");
        assertMetric("messaging.client.operation.duration", "s", "send");
        assertMetric("messaging.client.consumed.messages", "{message}", "process");
        assertMetric("messaging.process.duration", "s", "process");
    }

    private void assertMetric(String name, String unit, String operation) {
        MetricData metric = telemetry.metric(name);
        assertThat(metric.getUnit()).isEqualTo(unit);
        assertThat(metric.getData().getPoints()).anySatisfy(p -> assertThat(p.getAttributes().asMap())
                .containsEntry(AttributeKey.stringKey("messaging.system"), "managed_queue")
                .containsEntry(AttributeKey.stringKey("messaging.destination.name"), DESTINATION)
                .containsEntry(AttributeKey.stringKey("messaging.operation.name"), operation)
                .containsKey(AttributeKey.stringKey("managed_queue.job.name")));
    }

    @Test
    void retriesLinkToTheSameCreationContextAndFailedAttemptsAreErrors() {
        WeldContainer app = platform.start(TelemetryFixture.Producer.class, TracedHandler.class);
        inRequest(() -> platform.queue(app).enqueue(job("flaky")));

        List<Call> attempts = awaitCalls("flaky", 3);
        SpanData send = telemetry.spansNamed("send " + DESTINATION).get(0);
        List<SpanData> spans = attempts.stream().map(this::processSpanOf).toList();
        assertThat(spans).allSatisfy(s -> assertThat(s.getLinks()).singleElement()
                .satisfies(l -> assertThat(l.getSpanContext().getSpanId()).isEqualTo(send.getSpanId())));
        assertThat(spans).extracting(s -> s.getStatus().getStatusCode())
                .containsExactly(StatusCode.ERROR, StatusCode.ERROR, StatusCode.UNSET);
        assertThat(spans.get(0).getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo(IllegalStateException.class.getName());

        assertThat(telemetry.metric("messaging.process.duration").getData().getPoints())
                .anySatisfy(p -> assertThat(p.getAttributes().get(AttributeKey.stringKey("error.type")))
                        .isEqualTo(IllegalStateException.class.getName()));
        assertThat(sum("managed_queue.jobs.retried")).isEqualTo(2);
        assertNoTenantInAnyAttribute();
    }

    @Test
    void aFinalFailureIsCountedAndItsLogLineNamesJobAndTrace() {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger engineLog = Logger.getLogger("io.managedqueue.extension.engine.ClaimReplyEvents");
        engineLog.addHandler(capture);
        try {
            WeldContainer app = platform.start(TelemetryFixture.Producer.class, TracedHandler.class);
            EnqueueResult r = platform.queue(app).enqueue(EnqueueRequest.<String>builder(PLUGIN, QUEUE, "doomed")
                    .tenantId(TENANT).payload("x").build());
            Call call = awaitCalls("doomed", 1).get(0);
            await().atMost(timeout(10)).until(() -> sum("managed_queue.jobs.failed") == 1);
            assertThat(warnings).anySatisfy(line -> assertThat(line).contains(r.jobId())
                    .contains("(trace " + call.current().getTraceId() + ")").contains("failed after 1 attempt"));
        } finally {
            engineLog.removeHandler(capture);
        }
        assertNoTenantInAnyAttribute();
    }

    @Test
    void enqueueAllIsOneSpanAndEveryJobLinksToIt() {
        WeldContainer app = platform.start(TelemetryFixture.Producer.class, TracedHandler.class);
        inRequest(() -> platform.queue(app).enqueueAll(List.of(job("traced"), job("traced"), job("traced"))));

        List<Call> jobs = awaitCalls("traced", 3);
        List<SpanData> sends = telemetry.spansNamed("send " + DESTINATION);
        assertThat(sends).singleElement().satisfies(s -> assertThat(s.getAttributes()
                .get(AttributeKey.longKey("messaging.batch.message_count"))).isEqualTo(3L));
        assertThat(jobs).map(this::processSpanOf).allSatisfy(p -> assertThat(p.getLinks()).singleElement()
                .satisfies(l -> assertThat(l.getSpanContext().getSpanId()).isEqualTo(sends.get(0).getSpanId())));
        assertThat(sum("messaging.client.sent.messages")).isEqualTo(3);
    }

    @Test
    void asParentTheAttemptContinuesTheEnqueuersTrace() {
        platform.with("managed-queue.telemetry.creation-context", "parent");
        WeldContainer app = platform.start(TelemetryFixture.Producer.class, TracedHandler.class);
        SpanContext request = inRequest(() -> platform.queue(app).enqueueAsync(job("traced")).toCompletableFuture().join());

        SpanData process = processSpanOf(awaitCalls("traced", 1).get(0));
        SpanData send = telemetry.spansNamed("send " + DESTINATION).get(0);
        assertThat(process.getTraceId()).isEqualTo(request.getTraceId());
        assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
        assertThat(process.getLinks()).isEmpty();
    }

    @Test
    void aScheduledTickStartsAFreshTrace() {
        WeldContainer app = platform.start(TelemetryFixture.Producer.class, TracedHandler.class);
        ManagedQueueService queue = platform.queue(app);
        SpanContext request = inRequest(() -> queue.upsertSchedule("every-second", ScheduleSpec.every(Duration.ofSeconds(1)),
                EnqueueRequest.<String>builder(PLUGIN, QUEUE, "tick").tenantId(TENANT).payload("t").build()));

        SpanData tick = processSpanOf(awaitCalls("tick", 1).get(0));
        assertThat(tick.getTraceId()).isNotEqualTo(request.getTraceId());
        assertThat(tick.getParentSpanContext().isValid()).isFalse();
        assertThat(tick.getLinks()).isEmpty();
    }

    @Test
    void withoutAnOpenTelemetryBeanNothingIsRegistered() {
        WeldContainer app = platform.start(TracedHandler.class);
        assertThat(app.select(TelemetrySource.class).get().telemetry()).isNull();
        EnqueueResult r = platform.queue(app).enqueue(job("traced"));
        await().atMost(timeout(15)).until(() -> platform.queue(app).getJob(r.jobId()).map(s -> s.state() == JobState.COMPLETED)
                .orElse(false));
        assertThat(calls).singleElement().satisfies(c -> assertThat(c.current().isValid()).isFalse());
        assertThat(telemetry.spans.getFinishedSpanItems()).isEmpty();
        assertThat(telemetry.metrics.collectAllMetrics()).isEmpty();
        assertThat(platform.inspector().<String, String>getMap(platform.keys().job(JobRef.parse(r.jobId()))).containsKey("tp")).as("no trace context stored").isFalse();
    }

    @Test
    void queueDepthsComeFromRedisThroughTheOperatorsView() {
        platform.with("managed-queue.telemetry.depth-report-interval", "200ms");
        WeldContainer web = platform.start(TelemetryFixture.Producer.class); // no handler: the jobs wait
        platform.queue(web).enqueueAll(List.of(job("unhandled"), job("unhandled")));

        await().atMost(timeout(10)).untilAsserted(() -> assertThat(telemetry.metric("managed_queue.jobs").getLongGaugeData()
                .getPoints()).anySatisfy(p -> {
                    assertThat(p.getAttributes().get(AttributeKey.stringKey("messaging.destination.name"))).isEqualTo(DESTINATION);
                    assertThat(p.getAttributes().get(AttributeKey.stringKey("managed_queue.job.state"))).isEqualTo("waiting");
                    assertThat(p.getValue()).isEqualTo(2);
                }));
        assertThat(telemetry.metric("managed_queue.queue.oldest_waiting.age").getDoubleGaugeData().getPoints())
                .anySatisfy(p -> assertThat(p.getValue()).isGreaterThanOrEqualTo(0.0));
        assertNoTenantInAnyAttribute();
    }

    private long sum(String counter) {
        return telemetry.metric(counter).getLongSumData().getPoints().stream().mapToLong(LongPointData::getValue).sum();
    }

    private void assertNoTenantInAnyAttribute() {
        List<Attributes> all = telemetry.allAttributes();
        assertThat(all).isNotEmpty();
        assertThat(all).allSatisfy(a -> a.forEach((key, value) ->
                assertThat(String.valueOf(value)).as(key.getKey()).doesNotContain(TENANT)));
    }
}
