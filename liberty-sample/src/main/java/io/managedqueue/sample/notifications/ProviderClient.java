package io.managedqueue.sample.notifications;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.managedqueue.sample.provider.ProviderMessage;

/**
 * The provider's HTTP API, as a plugin would call a third party.
 *
 * <p>MicroProfile Fault Tolerance bounds each call; there is deliberately no {@code @Retry}:
 * the job's attempts and backoff are the retry policy, and a second layer of retries would
 * multiply them and hold the worker thread while it waits.
 */
@ApplicationScoped
public class ProviderClient {

    @Inject
    @ConfigProperty(name = "sample.provider.url")
    String providerUrl;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Jsonb jsonb = JsonbBuilder.create();

    /**
     * @param tenantId       the tenant the message is sent for
     * @param organizationId the tenant's organization, or {@code null}
     * @param notification   the notification
     * @param attempt        which attempt of the job this is (1 for the first)
     * @throws ProviderException when the provider refuses the message
     */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    public void deliver(String tenantId, String organizationId, SendNotification notification, int attempt)
            throws IOException, InterruptedException {
        ProviderMessage message = new ProviderMessage(tenantId, organizationId, notification.integrationId(),
                notification.recipient(), notification.message());
        HttpRequest request = HttpRequest.newBuilder(URI.create(providerUrl))
                .timeout(Duration.ofSeconds(4))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", notification.notificationId())
                .header("X-Attempt", String.valueOf(attempt))
                .header("X-Simulate-Failures", String.valueOf(notification.providerFailures()))
                .POST(HttpRequest.BodyPublishers.ofString(jsonb.toJson(message)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new ProviderException("provider answered HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            // nothing held but caches: closing is a courtesy
        }
    }

    /** The provider refused a message; the job's next attempt may succeed. */
    public static class ProviderException extends IOException {
        private static final long serialVersionUID = 1L;

        public ProviderException(String message) {
            super(message);
        }
    }
}
