package io.managedqueue.sample.notifications;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.api.RLock;

import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.TenantContext;
import io.managedqueue.sample.AcmePlugin;

/**
 * Delivers one notification to the provider. Runs on a container-managed thread, inside a
 * request context of its own that holds the job's tenant: {@link TenantContext} and
 * {@link ManagedQueueService#pluginKey} answer as they did in the request that enqueued it.
 *
 * <p>A throw is a failed attempt: the platform retries with the job's backoff until its attempts
 * run out, then the job is FAILED. Retrying is the queue's job, so nothing here loops.
 *
 * <p>Up to four sends run at once in this process, but never two for the same integration of
 * the same tenant: a provider account accepts one conversation at a time, and the lock is the
 * platform's Redis lock, so it also holds across pods.
 */
@PluginJobProcessor(pluginName = AcmePlugin.NAME, queueName = AcmePlugin.OUTBOUND_QUEUE, jobName = AcmePlugin.SEND_JOB,
        concurrency = 4)
@ApplicationScoped
public class SendNotificationHandler implements PluginJobHandler<SendNotification> {

    private static final Logger LOG = Logger.getLogger(SendNotificationHandler.class.getName());

    @Inject
    ManagedQueueService queue;

    @Inject
    TenantContext tenant;

    @Inject
    ProviderClient provider;

    @Inject
    MessageLogStore logs;

    @Inject
    @ConfigProperty(name = "sample.notifications.lock-wait", defaultValue = "PT10S")
    Duration lockWait;

    @Override
    public void handle(ManagedQueueJob<SendNotification> job) throws Exception {
        SendNotification notification = job.data();
        String tenantId = tenant.tenantId().orElseThrow(() -> new IllegalStateException("no tenant in the job's scope"));

        // tenant-scoped key: tenant "acme" and tenant "globex" may both have an integration "sms-1"
        RLock lock = queue.getRedis().getLock(queue.pluginKey(AcmePlugin.NAME, "lock:" + notification.integrationId()));
        // the lease outlives the provider's timeout, so a crashed pod cannot hold the integration for ever
        if (!lock.tryLock(lockWait.toMillis(), TimeUnit.SECONDS.toMillis(30), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("integration " + notification.integrationId() + " is busy; retrying later");
        }
        try {
            // the row was committed with the job, so it is there; SENT means a second delivery of a done job
            if (logs.alreadySent(tenantId, notification.notificationId(), job.attemptsMade())) {
                LOG.info(() -> "Notification " + notification.notificationId() + " of tenant " + tenantId
                        + " was sent already; nothing to do");
                return;
            }
            LOG.info(() -> "Sending notification " + notification.notificationId() + " of tenant " + tenantId
                    + " via " + notification.integrationId() + ", attempt " + job.attemptsMade() + " of " + job.maxAttempts());
            // what operators see in the dashboard's job detail: progress and a line per step
            job.log("attempt " + job.attemptsMade() + ": delivering via " + notification.integrationId());
            job.updateProgress(50);
            try {
                provider.deliver(tenantId, tenant.organizationId().orElse(null), notification, job.attemptsMade());
            } catch (Exception e) {
                logs.endAttempt(tenantId, notification.notificationId(),
                        job.isFinalAttempt() ? MessageLog.Status.FAILED : MessageLog.Status.RETRYING, String.valueOf(e));
                throw e;
            }
            logs.endAttempt(tenantId, notification.notificationId(), MessageLog.Status.SENT, null);
            job.log("attempt " + job.attemptsMade() + ": the provider accepted it");
            job.updateProgress(100);
        } finally {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
    }
}
