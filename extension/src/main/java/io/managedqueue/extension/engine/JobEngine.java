package io.managedqueue.extension.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobCompleted;
import io.managedqueue.api.JobStalled;
import io.managedqueue.extension.config.QueueConfig;
import io.managedqueue.extension.redis.ClaimBatch;
import io.managedqueue.extension.redis.ClaimedJob;
import io.managedqueue.extension.redis.JobStore;
import io.managedqueue.extension.redis.RedisKeys;
import io.managedqueue.extension.redis.WorkerRegistry;
import io.managedqueue.extension.telemetry.QueueTelemetry;

/**
 * The workers of this process: one {@link AddressWorker} per handled address, a dispatcher
 * thread that runs their claim logic and timers, a pool of handler threads sized to the sum of
 * the handlers' concurrency, and a lease keeper renewing the leases of running jobs.
 */
public final class JobEngine {

    private static final Logger LOG = Logger.getLogger(JobEngine.class.getName());

    private final QueueConfig config;
    private final JobStore store;
    private final WakeUps wakeUps;
    private final AttemptRunner attempts;
    private final JobEventSink events;
    private final ThreadFactory threads;
    private final WorkerHeartbeat heartbeat;
    /** {@code null} without OpenTelemetry. */
    private final QueueTelemetry telemetry;
    private final Map<String, AddressWorker> workers = new HashMap<>();
    private final Object activity = new Object();
    /** Attempts ({@link ClaimedJob#attemptKey()}) given back at shutdown, whose outcome no longer counts. */
    private final Set<String> handedBack = ConcurrentHashMap.newKeySet();
    /** Attempts ({@link ClaimedJob#attemptKey()}) whose handler returned and whose outcome is on its way to Redis. */
    private final Set<String> settling = ConcurrentHashMap.newKeySet();
    /** {@link JobCompleted} events of settled jobs, fired by one handler-pool task per claim reply (not per job). */
    private final ConcurrentLinkedQueue<JobCompleted> completedEvents = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean completedFlushQueued = new AtomicBoolean();

    private ScheduledExecutorService dispatcher;
    private ScheduledExecutorService leaseKeeper;
    private ThreadPoolExecutor handlerPool;
    private WakeUps.Subscription wakeSubscription;
    private volatile boolean stopping;
    private volatile long clockOffsetMillis;
    private int runningAttempts;
    private int pendingCompletions;
    private int claimsInFlight;

    /**
     * @param workerId this process's id in the operators' list of workers
     * @param registry where the heartbeat goes
     */
    public JobEngine(QueueConfig config, JobStore store, WakeUps wakeUps, PayloadCodec codec, JobRunner runner,
                     JobEventSink events, ThreadFactory threads, String workerId, WorkerRegistry registry,
                     QueueTelemetry telemetry) {
        this.config = config;
        this.heartbeat = new WorkerHeartbeat(registry, workerId, workers.values());
        this.telemetry = telemetry;
        this.store = store;
        this.wakeUps = wakeUps;
        this.events = events;
        this.threads = threads;
        this.attempts = new AttemptRunner(store, codec, runner, events, telemetry, config.leaseDuration,
                job -> handedBack.contains(job.attemptKey()), job -> settling.add(job.attemptKey()));
    }

    /** Starts a worker for every handler; a process without handlers starts no thread. */
    public void start(List<HandlerSettings> handlers) {
        if (handlers.isEmpty()) {
            return;
        }
        int totalConcurrency = 0;
        for (HandlerSettings h : handlers) {
            workers.put(RedisKeys.wire(h.handler().address()),
                    new AddressWorker(h.handler(), h.concurrency(), h.queueLimit(), h.keyLimit(), this));
            totalConcurrency += h.concurrency();
        }
        dispatcher = Executors.newSingleThreadScheduledExecutor(threads);
        leaseKeeper = Executors.newSingleThreadScheduledExecutor(threads);
        handlerPool = new ThreadPoolExecutor(totalConcurrency, totalConcurrency, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        handlerPool.allowCoreThreadTimeOut(true);

        wakeSubscription = wakeUps.subscribe((address, dueAt) -> onDispatcher(() -> onWake(address, dueAt), null));
        long poll = config.pollInterval.toMillis();
        dispatcher.scheduleWithFixedDelay(() -> workers.values().forEach(AddressWorker::poke), 0, poll, TimeUnit.MILLISECONDS);
        long renew = Math.max(100, config.leaseDuration.toMillis() / 3);
        leaseKeeper.scheduleWithFixedDelay(this::renewLeases, renew, renew, TimeUnit.MILLISECONDS);
        store.registerAddresses(handlers.stream().map(h -> h.handler().address()).toList()); // idle queues show too
        leaseKeeper.scheduleWithFixedDelay(heartbeat, 0, config.heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Managed queue: workers started for " + workers.size() + " address(es), " + totalConcurrency
                + " handler thread(s) at most");
    }

    /**
     * Stops claiming, lets running attempts finish within the grace period, then hands the
     * jobs still running back to their queues (without using an attempt) and interrupts them.
     */
    public void stop() {
        if (dispatcher == null || stopping) {
            return;
        }
        stopping = true;
        removeWakeListener();
        awaitIdle(System.nanoTime() + config.shutdownGracePeriod.toNanos());
        int handedBack = 0;
        for (AddressWorker worker : workers.values()) {
            for (ClaimedJob job : List.copyOf(worker.inFlight.values())) {
                if (handBack(job)) {
                    handedBack++;
                }
            }
        }
        handlerPool.shutdownNow();
        leaseKeeper.shutdownNow();
        awaitQuietly(leaseKeeper); // a heartbeat in flight must not list this process again after its removal
        heartbeat.remove();
        dispatcher.shutdownNow();
        LOG.info("Managed queue: workers stopped" + (handedBack > 0 ? "; " + handedBack
                + " running job(s) exceeded the grace period and were handed back to their queues" : ""));
    }

    ScheduledExecutorService dispatcher() {
        return dispatcher;
    }

    JobStore store() {
        return store;
    }

    boolean isStopping() {
        return stopping;
    }

    /**
     * Runs a task on the dispatcher; if it was shut down meanwhile, hands back the jobs the task
     * would have started, so a late claim reply never strands a job ACTIVE.
     */
    void onDispatcher(Runnable task, ClaimBatch strandedIfRejected) {
        try {
            dispatcher.execute(task);
        } catch (RejectedExecutionException e) {
            if (strandedIfRejected != null) {
                strandedIfRejected.claimed().forEach(this::handBack);
                claimFinished();
            }
        }
    }

    void claimStarted() {
        synchronized (activity) {
            claimsInFlight++;
        }
    }

    void claimFinished() {
        synchronized (activity) {
            claimsInFlight--;
            activity.notifyAll();
        }
    }

    void observeRedisClock(long redisNowMillis) {
        clockOffsetMillis = redisNowMillis - System.currentTimeMillis();
    }

    void launch(AddressWorker worker, ClaimedJob job) {
        synchronized (activity) {
            runningAttempts++;
        }
        handlerPool.execute(() -> {
            boolean succeeded = false;
            try {
                succeeded = attempts.run(worker.handler, job);
            } finally {
                synchronized (activity) {
                    runningAttempts--;
                    if (succeeded) {
                        pendingCompletions++;
                    }
                    activity.notifyAll();
                }
                if (succeeded) {
                    onDispatcher(() -> worker.attemptSucceeded(job), null);
                } else {
                    forget(worker, job);
                    onDispatcher(worker::attemptFinished, null);
                }
            }
        });
    }

    /** The job is no longer this process's: stop renewing its lease. */
    void forget(AddressWorker worker, ClaimedJob job) {
        worker.inFlight.remove(job.ref().member());
        settling.remove(job.attemptKey());
    }

    /** A completion reached Redis (or was refused because the lease was lost meanwhile). */
    void completionSettled(ClaimedJob job, boolean stored) {
        synchronized (activity) {
            pendingCompletions--;
            activity.notifyAll();
        }
        if (!stored) {
            LOG.warning("Managed queue: " + job.ref().publicId() + " completed after its lease was lost; another attempt may run");
            return;
        }
        if (events.observesCompleted()) {
            completedEvents.add(new JobCompleted(job.ref().publicId(), job.address(), job.scope().tenantId(),
                    job.scope().organizationId(), job.attemptsMade(), Instant.now()));
            if (completedFlushQueued.compareAndSet(false, true)) {
                // queued behind the task settling this claim reply (the dispatcher is one thread), so it
                // collects every completion of the reply; one thread hop per reply instead of one per job
                try {
                    dispatcher.execute(this::flushCompletedEvents);
                } catch (RejectedExecutionException e) {
                    flushCompletedEvents();
                }
            }
        }
    }

    /** Hands the queued completion events to one handler-pool task, which fires them in order. */
    private void flushCompletedEvents() {
        completedFlushQueued.set(false);
        List<JobCompleted> batch = new ArrayList<>();
        for (JobCompleted event; (event = completedEvents.poll()) != null; ) {
            batch.add(event);
        }
        if (batch.isEmpty()) {
            return;
        }
        Runnable fire = () -> batch.forEach(events::completed);
        try {
            handlerPool.execute(fire);
        } catch (RejectedExecutionException e) {
            fire.run(); // shutting down: fire here rather than drop them
        }
    }

    boolean handBack(ClaimedJob job) {
        handedBack.add(job.attemptKey());
        try {
            return store.release(job);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Managed queue: could not hand back " + job.ref().publicId()
                    + "; it runs again once its lease expires", e);
            return false;
        }
    }

    void reportStalled(JobAddress address, ClaimBatch.StalledJob stalled) {
        LOG.warning("Managed queue: job " + stalled.ref().publicId() + " stalled (lease expired, stall #"
                + stalled.stallCount() + ")" + (stalled.failed() ? "; failed for stalling too often" : "; queued again"));
        if (telemetry != null) {
            telemetry.stalled(address);
        }
        String tenant = stalled.ref().tenant().isEmpty() ? null : stalled.ref().tenant();
        JobStalled event = new JobStalled(stalled.ref().publicId(), address, tenant, stalled.stallCount(), Instant.now());
        handlerPool.execute(() -> events.stalled(event));
    }

    private void onWake(String address, long dueAt) {
        AddressWorker worker = workers.get(address);
        if (worker == null) {
            return;
        }
        if (dueAt == 0) {
            worker.poke();
        } else {
            worker.wakeIn(dueAt - (System.currentTimeMillis() + clockOffsetMillis));
        }
    }

    private void renewLeases() {
        for (AddressWorker worker : workers.values()) {
            if (worker.inFlight.isEmpty()) {
                continue;
            }
            try {
                Map<String, ClaimedJob> held = Map.copyOf(worker.inFlight);
                List<String> lost = store.extendLeases(worker.address(), new ArrayList<>(held.values()));
                // a job whose outcome is being stored finishes (and drops its lease) any moment: not a loss
                lost.stream().filter(member -> stillHeld(worker, held.get(member)))
                        .forEach(member -> LOG.warning("Managed queue: lost the lease of " + worker.address() + " job " + member
                        + "; its outcome will not be stored by this worker"));
            } catch (RuntimeException e) {
                LOG.warning("Managed queue: renewing leases of " + worker.address() + " failed: " + e);
            }
        }
    }

    /** Whether a job reported lost is still running here: not settled meanwhile, not being settled. */
    private boolean stillHeld(AddressWorker worker, ClaimedJob sent) {
        // settling first: forget() removes from inFlight before settling, so a job settled meanwhile
        // is seen either as settling or as gone, never as held-and-not-settling
        if (sent == null || settling.contains(sent.attemptKey())) {
            return false;
        }
        ClaimedJob now = worker.inFlight.get(sent.ref().member());
        return now != null && now.lease().equals(sent.lease());
    }

    private void awaitIdle(long deadlineNanos) {
        synchronized (activity) {
            while (runningAttempts > 0 || claimsInFlight > 0 || pendingCompletions > 0) {
                long waitMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                if (waitMillis <= 0) {
                    return;
                }
                try {
                    activity.wait(waitMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void awaitQuietly(ScheduledExecutorService executor) {
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeWakeListener() {
        if (wakeSubscription != null) {
            wakeSubscription.cancel();
        }
        workers.values().forEach(w -> onDispatcher(w::cancelTimer, null));
    }
}
