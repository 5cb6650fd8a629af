package io.managedqueue.sample.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

/**
 * A small HTTP client for the admin ITs: the sample's own API (with {@code X-Tenant-Id}) and the
 * admin API as one of the sample's users (basic authentication).
 */
final class AdminClient {

    static final String BASE = System.getProperty("sample.baseUrl", "http://127.0.0.1:9280");
    static final String ADMIN = "/managed-queue/api/";
    static final double FACTOR = Double.parseDouble(System.getProperty("managed-queue.test.timeout-factor", "1"));

    static final String PLUGIN = "@acme/notifications";
    static final String QUEUE = "notifications.outbound";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A user of the sample's basicRegistry. */
    enum User {
        OPERATOR("operator", "operator-secret"),
        VIEWER("viewer", "viewer-secret"),
        ACME("acme-user", "acme-secret"),
        GLOBEX("globex-user", "globex-secret"),
        ANONYMOUS(null, null);

        final String name;
        final String password;

        User(String name, String password) {
            this.name = name;
            this.password = password;
        }
    }

    private AdminClient() {
    }

    /** Waits until the server answers. */
    static void awaitServer() {
        await("the sample answers").atMost(seconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> send(HttpRequest.newBuilder(URI.create(BASE + "/health/ready")).GET()).status() == 200);
    }

    /** @return the id of a new notification job of {@code tenant} (the sample's API) */
    static String notification(String tenant, int delaySeconds, int providerFailures) {
        String body = Json.createObjectBuilder().add("integrationId", "admin-it").add("recipient", "ops@example.com")
                .add("message", "admin IT").add("delaySeconds", delaySeconds).add("providerFailures", providerFailures)
                .build().toString();
        Reply reply = send(HttpRequest.newBuilder(URI.create(BASE + "/api/notifications"))
                .header("Content-Type", "application/json").header("X-Tenant-Id", tenant)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return reply.json().getString("jobId");
    }

    /** @return the job once the operator sees it in {@code state} */
    static JsonObject awaitState(String jobId, String state) {
        AtomicReference<JsonObject> last = new AtomicReference<>();
        await(jobId + " reaches " + state).atMost(seconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last.set(get(User.OPERATOR, "jobs/" + jobPath(jobId)).json());
            return state.equals(last.get().getString("state"));
        });
        return last.get();
    }

    static Reply get(User user, String path) {
        return send(request(user, path).GET());
    }

    /** A mutation as the dashboard sends it: JSON body and the CSRF header. */
    static Reply post(User user, String path, String jsonBody) {
        return send(request(user, path).header("X-Managed-Queue-CSRF", "1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    static Reply postWithoutCsrf(User user, String path, String jsonBody) {
        return send(request(user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    static Reply delete(User user, String path, boolean csrf) {
        HttpRequest.Builder request = request(user, path).DELETE();
        return send(csrf ? request.header("X-Managed-Queue-CSRF", "1") : request);
    }

    static String jobAction(String jobId) {
        return Json.createObjectBuilder().add("jobId", jobId).build().toString();
    }

    static String queueAction() {
        return Json.createObjectBuilder().add("plugin", PLUGIN).add("queue", QUEUE).build().toString();
    }

    static String queueParams() {
        return "plugin=" + encode(PLUGIN) + "&queue=" + encode(QUEUE);
    }

    /** A job id in a path: '|' encoded, '/' kept (Liberty refuses %2F). */
    static String jobPath(String jobId) {
        return encode(jobId).replace("%2F", "/");
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Duration seconds(long seconds) {
        return Duration.ofMillis((long) (seconds * 1000 * FACTOR));
    }

    private static HttpRequest.Builder request(User user, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + (path.startsWith("/") ? path : ADMIN + path)))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json");
        if (user.name != null) {
            String credentials = user.name + ":" + user.password;
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(request.build().uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP answer. */
    record Reply(int status, String body, String contentType) {

        JsonObject json() {
            return parse().asJsonObject();
        }

        JsonArray jsonArray() {
            return parse().asJsonArray();
        }

        /** @return the {@code field} of a JSON error body */
        String field() {
            return json().getString("field", null);
        }

        private JsonStructure parse() {
            assertThat(body).as("HTTP %s body", status).isNotBlank();
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }
    }
}
