package io.managedqueue.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A request to run a logical job, built with {@link #builder(String, String, String)}.
 * Immutable; {@link Builder#build()} validates everything that can be checked without the
 * platform (names, ids, attempts, delay). The payload is checked when enqueued: it must be
 * serialisable by JSON-B and within {@code managed-queue.payload.max-bytes}.
 *
 * <pre>{@code
 * queue.enqueue(EnqueueRequest.builder("@acme/plugin-wechat", "wechat.outbound", "send-message")
 *         .payload(new SendMessage(integrationId, outboundLogId))
 *         .jobId("wechat:outbound:" + outboundLogId)
 *         .attempts(3)
 *         .backoff(Backoff.fixed(Duration.ofMinutes(1)))
 *         .build());
 * }</pre>
 *
 * <p>Firing an {@code EnqueueRequest} as a CDI event ({@code Event<EnqueueRequest<?>>}) enqueues it too.
 *
 * @param <T> the payload type
 */
public final class EnqueueRequest<T> {

    /** Longest accepted {@link Builder#delay(Duration) delay}: 3,650 days (ten years). */
    public static final Duration MAX_DELAY = Duration.ofDays(3650);
    /** Highest accepted {@link Builder#priority(int) priority}: 1,000,000. */
    public static final int MAX_PRIORITY = 1_000_000;
    /** Lowest accepted {@link Builder#priority(int) priority}: -1,000,000. */
    public static final int MIN_PRIORITY = -1_000_000;

    private final JobAddress address;
    private final T payload;
    private final String tenantId;
    private final String organizationId;
    private final String userId;
    private final String scopeKey;
    private final String jobId;
    private final Duration delay;
    private final Integer attempts;
    private final Backoff backoff;
    private final Retention removeOnComplete;
    private final Retention removeOnFail;
    private final boolean systemWide;
    private final int priority;
    private final String rateLimitKey;
    private final Deduplication deduplication;
    private final Boolean joinTransaction;

    private EnqueueRequest(Builder<T> b) {
        this.address = b.address;
        this.payload = b.payload;
        this.tenantId = b.tenantId;
        this.organizationId = b.organizationId;
        this.userId = b.userId;
        this.scopeKey = b.scopeKey;
        this.jobId = b.jobId;
        this.delay = b.delay;
        this.attempts = b.attempts;
        this.backoff = b.backoff;
        this.removeOnComplete = b.removeOnComplete;
        this.removeOnFail = b.removeOnFail;
        this.systemWide = b.systemWide;
        this.priority = b.priority;
        this.rateLimitKey = b.rateLimitKey;
        this.deduplication = b.deduplication;
        this.joinTransaction = b.joinTransaction;
    }

    /**
     * Starts a request for the job at {@code {pluginName, queueName, jobName}}.
     *
     * @param pluginName the owning plugin (see {@link JobAddress} for the rules of all three names)
     * @param queueName  the logical queue
     * @param jobName    the job kind, matched to a {@link PluginJobProcessor#jobName()}
     * @param <T>        the payload type
     * @return a builder; names are validated by {@link Builder#build()}
     */
    public static <T> Builder<T> builder(String pluginName, String queueName, String jobName) {
        return new Builder<>(pluginName, queueName, jobName);
    }

    /** @return plugin, queue and job name */
    public JobAddress address() {
        return address;
    }

    /** @return the owning plugin */
    public String pluginName() {
        return address.pluginName();
    }

    /** @return the logical queue */
    public String queueName() {
        return address.queueName();
    }

    /** @return the job kind */
    public String jobName() {
        return address.jobName();
    }

    /** @return the payload, or {@code null} for none */
    public T payload() {
        return payload;
    }

    /** @return the explicit tenant; when empty the caller's scope is captured */
    public Optional<String> tenantId() {
        return Optional.ofNullable(tenantId);
    }

    /** @return the explicit organization */
    public Optional<String> organizationId() {
        return Optional.ofNullable(organizationId);
    }

    /** @return the explicit user */
    public Optional<String> userId() {
        return Optional.ofNullable(userId);
    }

    /** @return the application's scope key */
    public Optional<String> scopeKey() {
        return Optional.ofNullable(scopeKey);
    }

    /** @return the custom job id, which deduplicates */
    public Optional<String> jobId() {
        return Optional.ofNullable(jobId);
    }

    /** @return the delay before the first attempt; {@link Duration#ZERO} by default */
    public Duration delay() {
        return delay;
    }

    /** @return the explicit number of attempts; empty means the configured default */
    public OptionalInt attempts() {
        return attempts == null ? OptionalInt.empty() : OptionalInt.of(attempts);
    }

    /** @return the explicit backoff; empty means the configured default */
    public Optional<Backoff> backoff() {
        return Optional.ofNullable(backoff);
    }

    /** @return the explicit retention of completed jobs; empty means the configured default */
    public Optional<Retention> removeOnComplete() {
        return Optional.ofNullable(removeOnComplete);
    }

    /** @return the explicit retention of failed and cancelled jobs; empty means the configured default */
    public Optional<Retention> removeOnFail() {
        return Optional.ofNullable(removeOnFail);
    }

    /** @return whether the job deliberately belongs to no tenant */
    public boolean systemWide() {
        return systemWide;
    }

    /** @return the priority; 0 unless set */
    public int priority() {
        return priority;
    }

    /** @return the key whose rate limit the job counts against, if any */
    public Optional<String> rateLimitKey() {
        return Optional.ofNullable(rateLimitKey);
    }

    /** @return the throttle or debounce rule, if any */
    public Optional<Deduplication> deduplication() {
        return Optional.ofNullable(deduplication);
    }

    /**
     * @return whether the job waits for the commit of the caller's JTA transaction; empty means
     *         the configured default ({@code managed-queue.transaction.join}, {@code true})
     * @see Builder#joinTransaction(boolean)
     */
    public Optional<Boolean> joinTransaction() {
        return Optional.ofNullable(joinTransaction);
    }

    @Override
    public String toString() {
        return "EnqueueRequest" + address + (jobId == null ? "" : "[jobId=" + jobId + "]");
    }

    /**
     * Builds an {@link EnqueueRequest}. Every setter is optional; defaults are stated on each.
     *
     * @param <T> the payload type
     */
    public static final class Builder<T> {
        private final String pluginName;
        private final String queueName;
        private final String jobName;
        private JobAddress address;
        private T payload;
        private String tenantId;
        private String organizationId;
        private String userId;
        private String scopeKey;
        private String jobId;
        private Duration delay = Duration.ZERO;
        private Integer attempts;
        private Backoff backoff;
        private Retention removeOnComplete;
        private Retention removeOnFail;
        private boolean systemWide;
        private int priority;
        private String rateLimitKey;
        private Deduplication deduplication;
        private Boolean joinTransaction;

        private Builder(String pluginName, String queueName, String jobName) {
            this.pluginName = pluginName;
            this.queueName = queueName;
            this.jobName = jobName;
        }

        /**
         * @param payload the job's data, serialised with JSON-B; default {@code null} (none).
         *                Must serialise to at most {@code managed-queue.payload.max-bytes} (default 512 KiB).
         * @return this builder
         */
        public Builder<T> payload(T payload) {
            this.payload = payload;
            return this;
        }

        /**
         * @param tenantId the tenant the job runs for. Default: captured from the caller's scope
         *                 ({@link TenantContext} or the application's
         *                 {@link io.managedqueue.api.spi.TenantScopeBridge}); a request with no
         *                 tenant at all is refused unless {@link #systemWide()}. Same character
         *                 rules as {@link #jobId(String)}, at most 256 characters.
         * @return this builder
         */
        public Builder<T> tenantId(String tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        /**
         * @param organizationId the organization inside the tenant; default: captured with the tenant
         * @return this builder
         */
        public Builder<T> organizationId(String organizationId) {
            this.organizationId = organizationId;
            return this;
        }

        /**
         * @param userId the user on whose behalf the job runs; default: captured with the tenant
         * @return this builder
         */
        public Builder<T> userId(String userId) {
            this.userId = userId;
            return this;
        }

        /**
         * @param scopeKey a free-form key the application uses to group jobs (an integration, a
         *                 conversation); default none; at most 256 characters
         * @return this builder
         */
        public Builder<T> scopeKey(String scopeKey) {
            this.scopeKey = scopeKey;
            return this;
        }

        /**
         * @param jobId a deterministic id: while a job with this id exists in the same plugin,
         *              queue and tenant, enqueueing it again returns the existing job
         *              ({@link EnqueueResult#created()} {@code false}). Default: a random id.
         *              1 to 256 printable ASCII characters without space, '{', '}' or '|'.
         * @return this builder
         */
        public Builder<T> jobId(String jobId) {
            this.jobId = jobId;
            return this;
        }

        /**
         * @param delay how long to wait before the first attempt; from zero (the default) to
         *              {@link EnqueueRequest#MAX_DELAY}. The job never starts before its due time.
         * @return this builder
         */
        public Builder<T> delay(Duration delay) {
            this.delay = delay;
            return this;
        }

        /**
         * @param attempts how many times the handler may be called before the job fails for
         *                 good; {@code >= 1}; default {@code managed-queue.default.attempts} (1)
         * @return this builder
         */
        public Builder<T> attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        /**
         * @param backoff the wait between attempts; default {@code managed-queue.default.backoff}
         *                (fixed, 1 s)
         * @return this builder
         */
        public Builder<T> backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * @param retention how long completed jobs of this address are kept; default 1 day / 5,000
         *                  ({@code managed-queue.retention.completed.*})
         * @return this builder
         */
        public Builder<T> removeOnComplete(Retention retention) {
            this.removeOnComplete = Objects.requireNonNull(retention, "removeOnComplete");
            return this;
        }

        /**
         * @param retention how long failed or cancelled jobs of this address are kept; default
         *                  7 days / 5,000 ({@code managed-queue.retention.failed.*})
         * @return this builder
         */
        public Builder<T> removeOnFail(Retention retention) {
            this.removeOnFail = Objects.requireNonNull(retention, "removeOnFail");
            return this;
        }

        /**
         * Marks the job as belonging to no tenant: it is enqueued without a tenant even when the
         * caller has none, and runs with an empty {@link TenantContext}. Default: off.
         *
         * @return this builder
         */
        public Builder<T> systemWide() {
            this.systemWide = true;
            return this;
        }

        /**
         * @param priority where the job queues among the waiting jobs of its address: a job of
         *                 higher priority starts before every waiting job of lower priority,
         *                 FIFO within one priority. From {@link EnqueueRequest#MIN_PRIORITY} to
         *                 {@link EnqueueRequest#MAX_PRIORITY}; default 0. Jobs of priority 0 take
         *                 the fastest path.
         * @return this builder
         */
        public Builder<T> priority(int priority) {
            this.priority = priority;
            return this;
        }

        /**
         * @param rateLimitKey the key (an integration, a provider account) whose rate limit
         *                     this job counts against: see {@link PluginJobProcessor#keyRateLimit()}.
         *                     Keys are per tenant: equal keys of two tenants are limited apart.
         *                     Without a key limit declared for the queue it has no effect.
         *                     Default none; same character rules as {@link #jobId(String)}.
         * @return this builder
         */
        public Builder<T> rateLimitKey(String rateLimitKey) {
            this.rateLimitKey = rateLimitKey;
            return this;
        }

        /**
         * @param deduplication throttle or debounce by an id of your choice, see {@link Deduplication};
         *                      default none. Cannot be combined with {@link #jobId(String)}: the
         *                      deduplication id decides which job a request joins.
         * @return this builder
         */
        public Builder<T> deduplication(Deduplication deduplication) {
            this.deduplication = Objects.requireNonNull(deduplication, "deduplication");
            return this;
        }

        /**
         * Whether the job follows the caller's JTA transaction. Joined (the default, set by
         * {@code managed-queue.transaction.join}, itself {@code true} by default), a job enqueued
         * while a transaction is active reaches Redis only after that transaction commits, together
         * with every other joined job of the transaction in one pipelined batch, and never if it
         * rolls back. {@code joinTransaction(false)} writes it to Redis at once, as outside a
         * transaction: for work that must happen even when the transaction rolls back (an audit of
         * the failure, say). Without an active transaction the setting has no effect.
         *
         * @param join {@code false} to write the job at once even inside a transaction
         * @return this builder
         */
        public Builder<T> joinTransaction(boolean join) {
            this.joinTransaction = join;
            return this;
        }

        /**
         * Validates and builds the request.
         *
         * @return the request
         * @throws IllegalArgumentException naming the field: blank or illegal names or ids,
         *                                  {@code attempts < 1}, a delay outside 0 to {@link EnqueueRequest#MAX_DELAY}, a
         *                                  tenant on a system-wide job, a priority out of range, a job id
         *                                  together with deduplication, a debounce without delay
         */
        public EnqueueRequest<T> build() {
            address = new JobAddress(pluginName, queueName, jobName);
            if (tenantId != null) {
                Names.requireId("tenantId", tenantId);
            }
            if (organizationId != null) {
                Names.requireId("organizationId", organizationId);
            }
            if (userId != null) {
                Names.requireId("userId", userId);
            }
            if (scopeKey != null && (scopeKey.isBlank() || scopeKey.length() > Names.MAX_ID_LENGTH)) {
                throw new IllegalArgumentException("scopeKey must be 1 to " + Names.MAX_ID_LENGTH + " characters and not blank");
            }
            if (jobId != null) {
                Names.requireId("jobId", jobId);
            }
            if (delay == null || delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
                throw new IllegalArgumentException("delay must be between 0 and " + MAX_DELAY.toDays() + " days, was " + delay);
            }
            if (attempts != null && attempts < 1) {
                throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
            }
            if (systemWide && (tenantId != null || organizationId != null)) {
                throw new IllegalArgumentException("tenantId must not be set on a systemWide job");
            }
            if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
                throw new IllegalArgumentException("priority must be between " + MIN_PRIORITY + " and " + MAX_PRIORITY
                        + ", was " + priority);
            }
            if (rateLimitKey != null) {
                Names.requireId("rateLimitKey", rateLimitKey);
            }
            if (deduplication != null && jobId != null) {
                throw new IllegalArgumentException("jobId must not be set together with deduplication: "
                        + "the deduplication id decides which job a request joins");
            }
            if (deduplication != null && deduplication.mode() == Deduplication.Mode.DEBOUNCE && delay.isZero()) {
                throw new IllegalArgumentException("delay must be > 0 for a debounced job: it is the quiet period "
                        + "after the last enqueue before the job runs");
            }
            return new EnqueueRequest<>(this);
        }
    }
}
