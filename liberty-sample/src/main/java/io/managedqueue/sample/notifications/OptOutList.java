package io.managedqueue.sample.notifications;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Recipients who opted out ({@code sample.notifications.opted-out}, comma-separated). The POST checks
 * it after it has enqueued, as a business rule late in a transaction would: a refusal rolls back the
 * row and the job together.
 */
@ApplicationScoped
public class OptOutList {

    @Inject
    @ConfigProperty(name = "sample.notifications.opted-out", defaultValue = "+15550123")
    List<String> optedOut;

    /** @throws IllegalArgumentException naming {@code recipient} when it opted out */
    void check(String recipient) {
        if (optedOut.contains(recipient)) {
            throw new IllegalArgumentException("recipient " + recipient + " opted out of notifications");
        }
    }
}
