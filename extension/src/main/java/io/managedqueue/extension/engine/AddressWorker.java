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
 * <p>Whichever thread has news drives the worker: a handler thread that finished an attempt, the
 * Redis I/O thread that received a claim's reply, the pub/sub thread that heard a wake-up, the
 * dispatcher's timers. So a processed job costs two thread hops (handler to I/O with the next
 * claim, I/O to a handler with the claimed job) instead of a trip through a dispatcher on each
 * side. The worker's state is guarded by its monitor, held only to decide; the claims, launches
 * and settling it decides on run after the monitor is released, so no thread waits on another's
 * Redis call or handler start. The worker reaches the rest of the engine only through
 * {@link WorkerServices}.
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
        Claim next;
        synchronized (this) {
            maybeMore = true;
            next = nextClaim();
        }
        send(next);
    }

    /** A handed-back attempt, or one whose outcome could not be told: nothing to store; the slot is free. */
    void attemptFinished() {
        Claim next;
        synchronized (this) {
            free++;
            next = nextClaim();
        }
        send(next);
    }

    /** A successful attempt: its completion is stored with the next claim, which frees the slot. */
    void attemptSucceeded(ClaimedJob job) {
        add(Settlement.completed(job));
    }

    /** A failed attempt: its retry or final failure is stored with the next claim, which frees the slot. */
    void attemptFailed(ClaimedJob job, Settlement.Failure failure) {
        add(Settlement.failed(job, failure));
    }

    private void add(Settlement settlement) {
        Claim next;
        synchronized (this) {
            settlements.add(settlement);
            next = nextClaim();
        }
        send(next);
    }

    /** Schedules a look at the queue {@code delayMillis} from now, unless one is due sooner. */
    synchronized void wakeIn(long delayMillis) {
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

    synchronized void cancelTimer() {
        if (wakeTimer != null) {
            wakeTimer.cancel(false);
        }
    }

    /** A claim the worker decided on, sent once its monitor is released. */
    private record Claim(int requested, List<Settlement> settled) {
    }

    private void send(Claim claim) {
        if (claim != null) {
            services.claim(this, claim.requested(), claim.settled());
        }
    }

    /** @return the claim to send now, or {@code null}; the caller holds the monitor */
    private Claim nextClaim() {
        if (claimsInFlight >= MAX_CLAIMS_IN_FLIGHT || System.nanoTime() < backoffUntilNanos) {
            return null;
        }
        boolean stopping = services.stopping();
        int settling = settlements.size();
        boolean wantJobs = !stopping && maybeMore && free > 0;
        if (settling == 0 && !wantJobs) {
            return null;
        }
        // after a settled attempt more work is likely: ask for jobs in the same round trip; a settled
        // job's slot becomes part of this claim's reservation
        int requested = stopping ? 0 : free + settling;
        free += settling - requested;
        List<Settlement> settled = List.copyOf(settlements);
        settlements.clear();
        claimsInFlight++;
        maybeMore = false;
        return new Claim(requested, settled);
    }

    /**
     * The reply to a claim this worker sent, or its failure; on the thread that received it.
     *
     * @param settled   the settlements the claim carried
     * @param requested the slots the claim reserved (its settled jobs' included)
     */
    void claimReturned(List<Settlement> settled, int requested, ClaimBatch batch, Throwable error) {
        if (error != null) {
            claimFailed(settled, requested, error);
            return;
        }
        services.settle(this, settled, batch);
        boolean stopping = services.stopping();
        Claim next;
        synchronized (this) {
            claimsInFlight--;
            claimRetryMillis = CLAIM_RETRY_FIRST_MILLIS;
            int launched = 0;
            for (ClaimedJob job : batch.claimed()) {
                if (!stopping) {
                    launched++;
                    held.add(job); // before the attempt starts: its lease is renewed from now on
                }
            }
            free += requested - launched;
            if (batch.waitingLeft() > 0) {
                maybeMore = true;
            }
            if (batch.nextWakeAt() >= 0) {
                wakeIn(batch.nextWakeAt() - batch.redisNow());
            }
            next = nextClaim();
        }
        for (ClaimedJob job : batch.claimed()) {
            if (stopping) {
                services.handBack(job);
            } else {
                services.launch(this, job);
            }
        }
        send(next);
    }

    private synchronized void claimFailed(List<Settlement> settled, int requested, Throwable error) {
        claimsInFlight--;
        logClaimFailure(error);
        settlements.addAll(0, settled); // still ours while the lease keeper renews them: retry
        free += requested - settled.size();
        maybeMore = true;
        backoffUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(claimRetryMillis);
        wakeIn(claimRetryMillis);
        claimRetryMillis = Math.min(CLAIM_RETRY_MAX_MILLIS, claimRetryMillis * 2);
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
