package io.managedqueue.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample, end to end, on the Open Liberty server that {@code verify} starts (its own server
 * and port, an embedded Redis): what the README walks a new user through, checked.
 */
class SampleEndToEndIT {

    private static final String BASE = System.getProperty("sample.baseUrl", "http://127.0.0.1:9280");
    private static final double FACTOR = Double.parseDouble(System.getProperty("managed-queue.test.timeout-factor", "1"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final String ACME = "acme";
    private static final String GLOBEX = "globex";

    @BeforeAll
    static void serverIsReady() {
        AtomicReference<Reply> ready = new AtomicReference<>();
        await("GET /health/ready answers 200").atMost(seconds(120)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> {
                    ready.set(call("GET", "/health/ready", null, null));
                    return ready.get().status == 200;
                });
        assertThat(ready.get().body).as("the platform's readiness check").contains("managed-queue");
    }

    @Test
    void embeddedRedisIsAnnouncedInTheLog() {
        serverLogContains("started an EMBEDDED Redis");
    }

    @Test
    void notificationIsDeliveredAfterARetryInItsTenantsScope() {
        Reply accepted = post(ACME, "/api/notifications", Json.createObjectBuilder()
                .add("integrationId", "sms-1")
                .add("recipient", "+15550100")
                .add("message", "Your parcel ships today")
                .add("providerFailures", 1));
        assertThat(accepted.status).isEqualTo(202);
        JsonObject body = accepted.json();
        assertThat(body.getBoolean("created")).isTrue();
        assertThat(body.getString("state")).isEqualTo("WAITING");
        String statusUrl = body.getString("statusUrl");
        String notificationId = body.getString("notificationId");

        JsonObject done = awaitState(ACME, statusUrl, "COMPLETED");
        assertThat(done.getInt("attemptsMade")).as("one refused delivery, then success").isEqualTo(2);
        assertThat(done.getString("tenantId")).isEqualTo(ACME);
        assertThat(done.getString("organizationId")).isEqualTo("acme-eu");

        // the handler ran in the job's tenant scope: the provider saw the tenant the request had
        JsonObject delivery = call("GET", "/api/provider/messages?tenant=" + ACME, null, null).jsonArray().stream()
                .map(JsonValue::asJsonObject)
                .filter(d -> d.getString("idempotencyKey").equals(notificationId))
                .findFirst().orElseThrow();
        assertThat(delivery.getJsonObject("message").getString("tenantId")).isEqualTo(ACME);
        assertThat(delivery.getJsonObject("message").getString("organizationId")).isEqualTo("acme-eu");
        assertThat(delivery.getInt("calls")).isEqualTo(2);

        // the plugin observed the platform's JobRetryScheduled event for the refused attempt
        serverLogContains("Attempt 1 of " + body.getString("jobId") + " failed");
    }

    @Test
    void anotherTenantCannotSeeOrCancelTheJob() {
        String statusUrl = post(ACME, "/api/notifications", notification("sms-2").add("delaySeconds", 600))
                .json().getString("statusUrl");

        assertThat(call("GET", statusUrl, GLOBEX, null).status).isEqualTo(404);
        assertThat(call("DELETE", statusUrl, GLOBEX, null).status).isEqualTo(404);
        assertThat(call("GET", statusUrl, ACME, null).json().getString("state")).as("untouched").isEqualTo("DELAYED");
    }

    @Test
    void delayedNotificationCanBeCancelledOnce() {
        Reply accepted = post(ACME, "/api/notifications", notification("sms-3").add("delaySeconds", 600));
        assertThat(accepted.json().getString("state")).isEqualTo("DELAYED");
        String statusUrl = accepted.json().getString("statusUrl");

        Reply cancelled = call("DELETE", statusUrl, ACME, null);
        assertThat(cancelled.status).isEqualTo(200);
        assertThat(cancelled.json().getBoolean("success")).isTrue();
        assertThat(cancelled.json().getString("state")).isEqualTo("CANCELLED");
        assertThat(call("GET", statusUrl, ACME, null).json().getString("state")).isEqualTo("CANCELLED");

        Reply again = call("DELETE", statusUrl, ACME, null);
        assertThat(again.status).isEqualTo(409);
        assertThat(again.json().getString("reason")).isEqualTo("ALREADY_CANCELLED");
    }

    @Test
    void notificationFailsWhenItsAttemptsRunOut() {
        String statusUrl = post(ACME, "/api/notifications", notification("sms-4").add("providerFailures", 100))
                .json().getString("statusUrl");

        JsonObject failed = awaitState(ACME, statusUrl, "FAILED");
        assertThat(failed.getInt("attemptsMade")).isEqualTo(failed.getInt("maxAttempts"));
        assertThat(failed.getString("lastError")).contains("simulated failure");
    }

    @Test
    void repeatedNotificationIdIsDeduplicated() {
        String id = "order-" + UUID.randomUUID();
        Reply first = post(ACME, "/api/notifications", notification("sms-5").add("notificationId", id).add("delaySeconds", 600));
        Reply second = post(ACME, "/api/notifications", notification("sms-5").add("notificationId", id).add("delaySeconds", 600));
        assertThat(first.status).isEqualTo(202);
        assertThat(second.status).isEqualTo(200);
        assertThat(second.json().getBoolean("created")).isFalse();
        assertThat(second.json().getString("jobId")).isEqualTo(first.json().getString("jobId"));
    }

    @Test
    void requestsWithoutATenantAreRefused() {
        Reply reply = call("POST", "/api/notifications", null, notification("sms-6").build().toString());
        assertThat(reply.status).isEqualTo(400);
        assertThat(reply.json().getString("error")).contains("X-Tenant-Id");
    }

    @Test
    void burstOfEventsIsFlushedExactlyOnce() {
        String integration = "webhook-" + UUID.randomUUID().toString().substring(0, 8);
        int events = 5;
        Set<String> flushJobs = new HashSet<>();
        for (int i = 1; i <= events; i++) {
            Reply reply = post(ACME, "/api/events", Json.createObjectBuilder()
                    .add("integrationId", integration).add("type", "message.received").add("data", "event " + i));
            assertThat(reply.status).isEqualTo(202);
            assertThat(reply.json().getJsonNumber("version").longValue()).isEqualTo(i);
            flushJobs.add(reply.json().getString("flushJobId"));
        }
        assertThat(flushJobs).as("the platform debounces: one pending flush job for the burst").hasSize(1);
        String flushes = "/api/events/" + integration + "/flushes";

        // the one flush job ran once, with the latest version, and aggregated all five
        await("one flush of " + events + " events").atMost(seconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> call("GET", flushes, ACME, null).json().getInt("effectiveFlushes") == 1);
        assertThat(call("GET", flushes, ACME, null).json().getInt("staleFlushesSkipped")).isZero();
        JsonObject status = call("GET", flushes, ACME, null).json();
        assertThat(status.getInt("pendingEvents")).isZero();
        JsonObject flush = status.getJsonArray("flushes").getJsonObject(0);
        assertThat(flush.getInt("eventCount")).isEqualTo(events);
        assertThat(flush.getJsonArray("events").getJsonObject(0).getString("data")).isEqualTo("event 1");
        assertThat(flush.getJsonArray("events").getJsonObject(events - 1).getString("data")).isEqualTo("event " + events);

        // and nothing flushes a second time
        await().during(Duration.ofSeconds(1)).atMost(seconds(5))
                .until(() -> call("GET", flushes, ACME, null).json().getInt("effectiveFlushes") == 1);
        // the window is the tenant's own: the same integration id in another tenant saw nothing
        assertThat(call("GET", flushes, GLOBEX, null).json().getInt("version")).isZero();
    }

    /** Checks the server's messages.log, when this build started the server (not against an external one). */
    private static void serverLogContains(String text) {
        String log = System.getProperty("sample.serverLog");
        if (log == null || !Files.exists(Path.of(log))) {
            return;
        }
        await("messages.log contains " + text).atMost(seconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.readString(Path.of(log)).contains(text));
    }

    private static JsonObjectBuilder notification(String integrationId) {
        return Json.createObjectBuilder()
                .add("integrationId", integrationId)
                .add("recipient", "ops@example.com")
                .add("message", "Weekly report is ready");
    }

    private static JsonObject awaitState(String tenant, String statusUrl, String state) {
        AtomicReference<JsonObject> last = new AtomicReference<>();
        await(statusUrl + " reaches " + state).atMost(seconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    last.set(call("GET", statusUrl, tenant, null).json());
                    return state.equals(last.get().getString("state"));
                });
        return last.get();
    }

    private static Reply post(String tenant, String path, JsonObjectBuilder body) {
        return call("POST", path, tenant, body.build().toString());
    }

    private static Reply call(String method, String path, String tenant, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (tenant != null) {
            request.header("X-Tenant-Id", tenant).header("X-Organization-Id", tenant + "-eu");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Duration seconds(long seconds) {
        return Duration.ofMillis((long) (seconds * 1000 * FACTOR));
    }

    private record Reply(int status, String body) {

        JsonObject json() {
            return parse().asJsonObject();
        }

        jakarta.json.JsonArray jsonArray() {
            return parse().asJsonArray();
        }

        private JsonStructure parse() {
            assertThat(body).as("HTTP %s body", status).isNotBlank();
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }
    }
}
