package io.managedqueue.sample.notifications;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.sample.AcmePlugin;

/** Builds the {@code send} job of a notification: its address, deterministic id, attempts and backoff. */
@ApplicationScoped
public class NotificationJobs {

    @Inject
    @ConfigProperty(name = "sample.notifications.attempts", defaultValue = "5")
    int attempts;

    @Inject
    @ConfigProperty(name = "sample.notifications.backoff", defaultValue = "PT1S")
    Duration backoff;

    /**
     * @param notification the notification to deliver
     * @return the request, to which a caller adds a delay or a tenant
     */
    public EnqueueRequest.Builder<SendNotification> request(SendNotification notification) {
        return EnqueueRequest.<SendNotification>builder(AcmePlugin.NAME, AcmePlugin.OUTBOUND_QUEUE, AcmePlugin.SEND_JOB)
                .payload(notification)
                .jobId("notification-" + notification.notificationId()) // deterministic: a repeated POST finds the same job
                .scopeKey(notification.integrationId())
                .attempts(attempts)
                .backoff(Backoff.exponential(backoff)); // 1 s, 2 s, 4 s, 8 s between attempts
    }

    /** @return the attempts of every notification */
    public int attempts() {
        return attempts;
    }
}
