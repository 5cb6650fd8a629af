package io.managedqueue.sample.admin;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.sample.notifications.NotificationJobs;
import io.managedqueue.sample.notifications.SendNotification;

/**
 * At start-up, one notification of tenant {@code acme} that the demo provider refuses as often as
 * it has attempts: it ends FAILED, so a new user finds a failed job on the dashboard to retry.
 * Retried, it gets fresh attempts and the provider accepts it. Its id is fixed, so a restart on a
 * persistent Redis adds nothing. {@code sample.demo.failed-job=false} turns it off.
 */
@ApplicationScoped
public class DemoFailedJob {

    /** The notification id of the demo job. */
    public static final String NOTIFICATION_ID = "demo-failed-delivery";

    private static final Logger LOG = Logger.getLogger(DemoFailedJob.class.getName());

    @Inject
    ManagedQueueService queue;

    @Inject
    @ConfigProperty(name = "sample.demo.failed-job", defaultValue = "true")
    boolean enabled;

    @Inject
    NotificationJobs jobs;

    void enqueue(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!enabled) {
            return;
        }
        int attempts = jobs.attempts();
        EnqueueResult result = queue.enqueue(jobs.request(new SendNotification(NOTIFICATION_ID, "sms-demo", "+15550199",
                        "This delivery fails until an operator retries it", attempts))
                .tenantId("acme").organizationId("acme-eu")
                .build());
        if (result.created()) {
            LOG.info("Sample: enqueued " + result.jobId() + ", which fails after " + attempts
                    + " attempts; retry it from the dashboard at /managed-queue/");
        }
    }
}
