package io.managedqueue.sample.notifications;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobFailed;
import io.managedqueue.api.JobRetryScheduled;
import io.managedqueue.sample.AcmePlugin;

/**
 * Follows the plugin's sends through the platform's CDI events: a failed attempt that will be
 * retried, and a send that ran out of attempts (where a real plugin would mark its outbound log
 * entry as failed, or alert the tenant).
 */
@ApplicationScoped
public class DeliveryAudit {

    private static final Logger LOG = Logger.getLogger(DeliveryAudit.class.getName());
    private static final JobAddress SEND = JobAddress.of(AcmePlugin.NAME, AcmePlugin.OUTBOUND_QUEUE, AcmePlugin.SEND_JOB);

    void retryScheduled(@Observes JobRetryScheduled event) {
        if (SEND.equals(event.address())) {
            LOG.info(() -> "Attempt " + event.attemptsMade() + " of " + event.jobId() + " failed (" + event.error()
                    + "); next attempt at " + event.nextAttemptAt());
        }
    }

    void failed(@Observes JobFailed event) {
        if (SEND.equals(event.address())) {
            LOG.warning(() -> "Gave up on " + event.jobId() + " of tenant " + event.tenantId() + " after "
                    + event.attemptsMade() + " attempt(s): " + event.error());
        }
    }
}
