package io.managedqueue.sample.notifications;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The plugin's business record of one notification: the message log row. It is inserted in the
 * same transaction that enqueues the {@code send} job, stores that job's id, and the handler
 * updates it on every attempt. Its status guards a second run of a delivered notification
 * (delivery is at least once).
 */
@Entity
@Table(name = "notification_log")
public class MessageLog {

    /** Where a notification is in its life. */
    public enum Status {
        /** Committed with its job; no attempt yet. */
        ACCEPTED,
        /** An attempt is delivering it. */
        SENDING,
        /** An attempt failed; the job retries it. */
        RETRYING,
        /** The provider accepted it. */
        SENT,
        /** Every attempt failed. */
        FAILED
    }

    /** {@code <tenant>|<notificationId>}: notification ids are the tenant's own. */
    @Id
    @Column(length = 600)
    private String id;
    @Column(nullable = false, length = 256)
    private String tenantId;
    @Column(nullable = false, length = 256)
    private String notificationId;
    @Column(nullable = false, length = 256)
    private String integrationId;
    @Column(nullable = false, length = 256)
    private String recipient;
    @Column(length = 1100)
    private String jobId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;
    private int attempts;
    @Column(length = 2000)
    private String lastError;
    private Instant createdAt;
    private Instant updatedAt;

    protected MessageLog() {
        // for JPA
    }

    MessageLog(String tenantId, String notificationId, String integrationId, String recipient) {
        this.id = key(tenantId, notificationId);
        this.tenantId = tenantId;
        this.notificationId = notificationId;
        this.integrationId = integrationId;
        this.recipient = recipient;
        this.status = Status.ACCEPTED;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    static String key(String tenantId, String notificationId) {
        return tenantId + "|" + notificationId;
    }

    void attachJob(String jobId) {
        this.jobId = jobId;
    }

    void attemptStarted(int attempt) {
        status = Status.SENDING;
        attempts = attempt;
        updatedAt = Instant.now();
    }

    void attemptEnded(Status outcome, String error) {
        status = outcome;
        if (error != null) {
            lastError = error.length() > 2000 ? error.substring(0, 2000) : error;
        }
        updatedAt = Instant.now();
    }

    public String tenantId() {
        return tenantId;
    }

    public String notificationId() {
        return notificationId;
    }

    public String integrationId() {
        return integrationId;
    }

    public String recipient() {
        return recipient;
    }

    public String jobId() {
        return jobId;
    }

    public Status status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public String lastError() {
        return lastError;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
