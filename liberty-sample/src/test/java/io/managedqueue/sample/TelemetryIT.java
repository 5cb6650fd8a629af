package io.managedqueue.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The sample's telemetry on Open Liberty (mpTelemetry-2.1, logging exporter): a POST that arrives
 * with a W3C {@code traceparent} is traced into its job, whose {@code process} span carries the
 * POST's trace id (the sample sets {@code managed-queue.telemetry.creation-context=parent}).
 */
class TelemetryIT {

    private static final String BASE = System.getProperty("sample.baseUrl", "http://127.0.0.1:9280");
    private static final double FACTOR = Double.parseDouble(System.getProperty("managed-queue.test.timeout-factor", "1"));
    private static final String DESTINATION = "@acme/notifications/notifications.outbound";

    @Test
    void aPostsTraceIdAppearsOnItsJobsProcessSpan() throws Exception {
        String log = System.getProperty("sample.serverLog");
        assumeTrue(log != null && Files.exists(Path.of(log)), "needs the messages.log of the server this build started");
        String traceId = UUID.randomUUID().toString().replace("-", "");
        HttpRequest post = HttpRequest.newBuilder(URI.create(BASE + "/api/notifications"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-Tenant-Id", "acme")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"integrationId\":\"sms-traced\",\"recipient\":\"+15550100\",\"message\":\"traced\"}"))
                .build();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> reply = await("POST /api/notifications").atMost(seconds(120)).ignoreExceptions()
                .until(() -> http.send(post, HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() == 202);
        assertThat(reply.body()).contains("jobId");

        // LoggingSpanExporter: 'name' : traceId spanId KIND [tracer: ...] attributes
        await("the job's process span in messages.log").atMost(seconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> Files.readString(Path.of(log)).contains("'process " + DESTINATION + "' : " + traceId));
        assertThat(Files.readString(Path.of(log))).contains("'send " + DESTINATION + "' : " + traceId);
    }

    private static Duration seconds(long seconds) {
        return Duration.ofMillis((long) (seconds * 1000 * FACTOR));
    }
}
