package io.managedqueue.extension.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.managedqueue.api.JobAddress;
import io.managedqueue.extension.config.RateLimitPolicy;
import io.managedqueue.extension.redis.ClaimBatch;
import io.managedqueue.extension.redis.ClaimedJob;
import io.managedqueue.extension.redis.Settlement;

/**
 * Claims jobs of one address for this process, never more than its free slots, so a busy or
 * blocked handler holds only its own jobs and never delays another address (no head-of-line
 * blocking). A claim reserves the slots it asks for; unused reservations return with its reply.
 * Up to two claims per address are in flight, so slots that free up while one claim travels
 * are refilled (and their outcomes settled) without waiting for its reply: the worker stays
 * busy instead of paying a round trip per cycle. Idle, it sleeps until a wake-up message, the
 * due time of its next delayed job or lease expiry (learned from each claim), or the poll interval.
 *
 * <p>All fields but {@link #held} are confined to the engine's dispatcher thread; the worker
 * reaches the rest of the engine only through {@link WorkerServices}.
 */
final class AddressWorker {

    private static final Logger LOG = Logger.getLogger(AddressWorker.class.getName());
    /**
     * A failed claim is retried after 25 ms, doubling to 1 s while failures go on: after a failover the
     * first claim on the new master goes out within tens of ms instead of a fixed second, and a Redis
     * that stays down costs one claim a second per address.
     */
    private static final long CLAIM_RETRY_FIRST_MILLIS = 25;
    private static final long CLAIM_RETRY_MAX_MILLIS = 1000;
    private static final int MAX_CLAIMS_IN_FLIGHT = 2;

    final HandlerDescriptor handler;
    final int concurrency;
    private final RateLimitPolicy queueLimit;
    private final RateLimitPolicy keyLimit;
    /** Jobs this process holds the lease of; read by the lease keeper, the heartbeat and at shutdown. */
    final HeldJobs held = new HeldJobs();

    private final WorkerServices services;
    /** Ended attempts whose outcome, completed or failed, goes to Redis with the next claim. */
    private final List<Settlement> settlements = new ArrayList<>();
    private long backoffUntilNanos;
    private long claimRetryMillis = CLAIM_RETRY_FIRST_MILLIS;
    /** Slots neither running a job, nor settling one, nor reserved by a claim in flight. */
    private int free;
    private int claimsInFlight;
    private boolean maybeMore = true;
    private ScheduledFuture<?> wakeTimer;
    private long wakeAtNanos;
    private long lastErrorLogNanos;

    AddressWorker(HandlerSettings settings, WorkerServices services) {
        this.handler = settings.handler();
        this.concurrency = settings.concurrency();
        this.queueLimit = settings.queueLimit();
        this.keyLimit = settings.keyLimit();
        this.free = concurrency;
        this.services = services;
    }

    JobAddress address() {
        return handler.address();
    }

    RateLimitPolicy queueLimit() {
        return queueLimit;
    }

    RateLimitPolicy keyLimit() {
        return keyLimit;
    }

    /** Something may be ready: claim if a slot is free. */
    void poke() {
        maybeMore = true;
        tryClaim();
    }

    /** A handed-back attempt, or one whose outcome could not be told: nothing to store; the slot is free. */
    void attemptFinished() {
        free++;
        tryClaim();
    }

    /** A successful attempt: its completion is stored with the next claim, which frees the slot. */
    void attemptSucceeded(ClaimedJob job) {
        settlements.add(Settlement.completed(job));
        tryClaim();
    }

    /** A failed attempt: its retry or final failure is stored with the next claim, which frees the slot. */
    void attemptFailed(ClaimedJob job, Settlement.Failure failure) {
        settlements.add(Settlement.failed(job, failure));
        tryClaim();
    }

    /** Schedules a look at the queue {@code delayMillis} from now, unless one is due sooner. */
    void wakeIn(long delayMillis) {
        long delay = Math.max(0, delayMillis);
        long target = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
        if (wakeTimer != null && !wakeTimer.isDone()) {
            if (wakeAtNanos <= target) {
                return;
            }
            wakeTimer.cancel(false);
        }
        wakeAtNanos = target;
        wakeTimer = services.schedule(this::poke, delay);
    }

    void cancelTimer() {
        if (wakeTimer != null) {
            wakeTimer.cancel(false);
        }
    }

    private void tryClaim() {
        if (claimsInFlight >= MAX_CLAIMS_IN_FLIGHT || System.nanoTime() < backoffUntilNanos) {
            return;
        }
        boolean stopping = services.stopping();
        int settling = settlements.size();
        boolean wantJobs = !stopping && maybeMore && free > 0;
        if (settling == 0 && !wantJobs) {
            return;
        }
        // after a settled attempt more work is likely: ask for jobs in the same round trip; a settled
        // job's slot becomes part of this claim's reservation
        int requested = stopping ? 0 : free + settling;
        free += settling - requested;
        List<Settlement> settled = List.copyOf(settlements);
        settlements.clear();
        claimsInFlight++;
        maybeMore = false;
        services.claim(this, requested, settled);
    }

    /**
     * The reply to a claim {@link #tryClaim} sent, or its failure.
     *
     * @param settled   the settlements the claim carried
     * @param requested the slots the claim reserved (its settled jobs' included)
     */
    void claimReturned(List<Settlement> settled, int requested, ClaimBatch batch, Throwable error) {
        claimsInFlight--;
        if (error != null) {
            logClaimFailure(error);
            settlements.addAll(0, settled); // still ours while the lease keeper renews them: retry
            free += requested - settled.size();
            maybeMore = true;
            backoffUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(claimRetryMillis);
            wakeIn(claimRetryMillis);
            claimRetryMillis = Math.min(CLAIM_RETRY_MAX_MILLIS, claimRetryMillis * 2);
            return;
        }
        claimRetryMillis = CLAIM_RETRY_FIRST_MILLIS;
        services.settle(this, settled, batch);
        int launched = 0;
        for (ClaimedJob job : batch.claimed()) {
            if (services.stopping()) {
                services.handBack(job);
                continue;
            }
            launched++;
            held.add(job);
            services.launch(this, job);
        }
        free += requested - launched;
        if (batch.waitingLeft() > 0) {
            maybeMore = true;
        }
        if (batch.nextWakeAt() >= 0) {
            wakeIn(batch.nextWakeAt() - batch.redisNow());
        }
        tryClaim();
    }

    private void logClaimFailure(Throwable error) {
        long now = System.nanoTime();
        if (now - lastErrorLogNanos > TimeUnit.SECONDS.toNanos(30)) {
            lastErrorLogNanos = now;
            LOG.log(Level.WARNING, "Managed queue: claiming jobs of " + address() + " failed; retrying in "
                    + claimRetryMillis + " ms, backing off to " + CLAIM_RETRY_MAX_MILLIS + " ms: " + error);
        }
    }
}
