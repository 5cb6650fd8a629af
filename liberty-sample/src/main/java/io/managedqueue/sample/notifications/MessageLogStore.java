package io.managedqueue.sample.notifications;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The message log table (JPA on the server's {@code jdbc/notifications} data source). The
 * handler's updates each run in a transaction of their own, so an attempt's row is committed
 * whatever the attempt does next.
 */
@ApplicationScoped
public class MessageLogStore {

    @PersistenceContext(unitName = "notifications")
    EntityManager em;

    /** Inserts a row in the caller's transaction (the POST's, which also enqueues its job). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(MessageLog log) {
        em.persist(log);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<MessageLog> find(String tenantId, String notificationId) {
        return Optional.ofNullable(em.find(MessageLog.class, MessageLog.key(tenantId, notificationId)));
    }

    /**
     * Records that an attempt starts, unless the notification was delivered already.
     *
     * @return true when the row says SENT: a second delivery of a done job, nothing to do. A job
     *         without a row (enqueued outside this API, like the dashboard's demo job) is sent untracked.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean alreadySent(String tenantId, String notificationId, int attempt) {
        MessageLog log = em.find(MessageLog.class, MessageLog.key(tenantId, notificationId));
        if (log == null) {
            return false;
        }
        if (log.status() == MessageLog.Status.SENT) {
            return true;
        }
        log.attemptStarted(attempt);
        return false;
    }

    /** Records how an attempt ended. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void endAttempt(String tenantId, String notificationId, MessageLog.Status outcome, String error) {
        MessageLog log = em.find(MessageLog.class, MessageLog.key(tenantId, notificationId));
        if (log != null) {
            log.attemptEnded(outcome, error);
        }
    }
}
