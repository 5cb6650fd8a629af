package io.managedqueue.extension.admin;

import java.security.Principal;
import java.time.Instant;
import java.util.logging.Logger;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;

import io.managedqueue.api.admin.AdminActionEvent;
import io.managedqueue.api.admin.AdminActionEvent.Action;
import io.managedqueue.extension.redis.QueueName;

/** Fires an {@link AdminActionEvent} for each admin mutation, and logs it: operators' actions leave a trail. */
final class AdminAudit {

    private static final Logger LOG = Logger.getLogger(AdminAudit.class.getName());

    private final Event<AdminActionEvent> event;
    private final Instance<Principal> principal;

    AdminAudit(Event<AdminActionEvent> event, Instance<Principal> principal) {
        this.event = event;
        this.principal = principal;
    }

    void fire(Action action, QueueName queue, String jobId, int count) {
        AdminActionEvent fired = new AdminActionEvent(action, principalName(), queue.pluginName(), queue.queueName(), jobId, count,
                Instant.now());
        LOG.info("Managed queue: admin " + action + " on " + queue + (jobId == null ? "" : " job " + jobId) + ", " + count
                + " job(s), by " + (fired.principal() == null ? "an unknown caller" : fired.principal()));
        event.fire(fired);
        event.fireAsync(fired);
    }

    /**
     * The container's caller principal, when there is one (none in Weld SE, none on a worker thread).
     * Not destroyed after use: the built-in bean is the container's, and destroying its handle fails on
     * Open Liberty, which then hid every caller (AdminApiIT's audit check caught it); Weld keeps no
     * reference to a dependent instance without destruction callbacks, so nothing accumulates here.
     */
    private String principalName() {
        try {
            if (principal.isResolvable()) {
                Principal p = principal.get();
                return p == null ? null : p.getName();
            }
        } catch (RuntimeException e) {
            // no security context on this thread
        }
        return null;
    }
}
