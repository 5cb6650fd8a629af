package io.managedqueue.extension.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.managedqueue.extension.config.QueueConfig;
import io.managedqueue.extension.redis.ClaimBatch;
import io.managedqueue.extension.redis.ClaimedJob;
import io.managedqueue.extension.redis.JobStore;
import io.managedqueue.extension.redis.RedisKeys;
import io.managedqueue.extension.redis.Settlement;
import io.managedqueue.extension.redis.WorkerRegistry;
import io.managedqueue.extension.telemetry.QueueTelemetry;

/**
 * The workers of this process: one {@link AddressWorker} per handled address, a dispatcher
 * thread for their timers (the poll interval, due times, claim backoff), a pool of handler threads sized to the sum of
 * the handlers' concurrency, and a housekeeping thread for the {@link LeaseKeeper} and the
 * {@link WorkerHeartbeat}. The engine builds these parts, starts and stops them, and gives the
 * workers what they ask for ({@link WorkerServices}); each other duty has a class of its own:
 * {@link InFlightWork} (what a graceful stop waits for), {@link HandedBackJobs}, {@link WakeUpRouter},
 * {@link ClaimReplyEvents}.
 *
 * <p>A job's way through: a worker's claim ({@code Services.claim}) → the reply, on the Redis I/O
 * thread that received it ({@link AddressWorker#claimReturned}) → an attempt on a handler thread
 * ({@code Services.launch}, {@link AttemptRunner}) → on that same thread, its outcome (completed, or
 * failed: retried or failed for good) goes out with the worker's next claim, whose reply settles it
 * ({@code Services.settle}) and fires its events ({@link ClaimReplyEvents}). Two thread hops per job,
 * the fewest a pool of handler threads fed by one connection allows.
 */
public final class JobEngine {

    private static final Logger LOG = Logger.getLogger(JobEngine.class.getName());

    private final QueueConfig config;
    private final JobStore store;
    private final WakeUps wakeUps;
    private final JobEventSink events;
    private final ThreadFactory threads;
    /** {@code null} without OpenTelemetry. */
    private final QueueTelemetry telemetry;
    /** By address wire form; filled by {@link #start}, then read only. */
    private final Map<String, AddressWorker> workers = new HashMap<>();
    private final InFlightWork inFlight = new InFlightWork();
    private final HandedBackJobs handedBack;
    private final LeaseKeeper leases;
    private final WorkerHeartbeat heartbeat;
    private final AttemptRunner attempts;
    private final WorkerServices services = new Services();

    private ScheduledExecutorService dispatcher;
    private ScheduledExecutorService housekeeping;
    private ThreadPoolExecutor handlerPool;
    private WakeUpRouter wakeRouter;
    private ClaimReplyEvents replyEvents;
    private WakeUps.Subscription wakeSubscription;
    private volatile boolean stopping;

    /**
     * @param wakeUps  where the workers hear of new and due jobs
     * @param workerId this process's id in the operators' list of workers
     * @param registry where the heartbeat goes
     */
    public JobEngine(QueueConfig config, JobStore store, WakeUps wakeUps, PayloadCodec codec, JobRunner runner,
                     JobEventSink events, ThreadFactory threads, String workerId, WorkerRegistry registry,
                     QueueTelemetry telemetry) {
        this.config = config;
        this.store = store;
        this.wakeUps = wakeUps;
        this.events = events;
        this.threads = threads;
        this.telemetry = telemetry;
        this.handedBack = new HandedBackJobs(store);
        this.leases = new LeaseKeeper(store, workers.values());
        this.heartbeat = new WorkerHeartbeat(registry, workerId, workers.values());
        this.attempts = new AttemptRunner(store, codec, runner, telemetry, handedBack::contains, leases::handlerReturned);
    }

    /** Starts a worker for every handler; a process without handlers starts no thread. */
    public void start(List<HandlerSettings> handlers) {
        if (handlers.isEmpty()) {
            return;
        }
        int totalConcurrency = 0;
        for (HandlerSettings h : handlers) {
            workers.put(RedisKeys.wire(h.handler().address()), new AddressWorker(h, services));
            totalConcurrency += h.concurrency();
        }
        dispatcher = Executors.newSingleThreadScheduledExecutor(threads);
        housekeeping = Executors.newSingleThreadScheduledExecutor(threads);
        handlerPool = new ThreadPoolExecutor(totalConcurrency, totalConcurrency, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        handlerPool.allowCoreThreadTimeOut(true);
        wakeRouter = new WakeUpRouter(workers);
        replyEvents = new ClaimReplyEvents(events, telemetry, handlerPool);

        wakeSubscription = wakeUps.subscribe(wakeRouter);
        long poll = config.pollInterval.toMillis();
        dispatcher.scheduleWithFixedDelay(() -> workers.values().forEach(AddressWorker::poke), 0, poll, TimeUnit.MILLISECONDS);
        long renew = Math.max(100, config.leaseDuration.toMillis() / 3);
        housekeeping.scheduleWithFixedDelay(leases, renew, renew, TimeUnit.MILLISECONDS);
        store.registerAddresses(handlers.stream().map(h -> h.handler().address()).toList()); // idle queues show too
        housekeeping.scheduleWithFixedDelay(heartbeat, 0, config.heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
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
        if (wakeSubscription != null) {
            wakeSubscription.cancel();
        }
        workers.values().forEach(AddressWorker::cancelTimer);
        inFlight.awaitIdle(System.nanoTime() + config.shutdownGracePeriod.toNanos());
        int handedBackCount = 0;
        for (AddressWorker worker : workers.values()) {
            for (ClaimedJob job : worker.held.list()) {
                if (handedBack.handBack(job)) {
                    handedBackCount++;
                }
            }
        }
        handlerPool.shutdownNow();
        housekeeping.shutdownNow();
        awaitQuietly(housekeeping); // a heartbeat in flight must not list this process again after its removal
        heartbeat.remove();
        dispatcher.shutdownNow();
        LOG.info("Managed queue: workers stopped" + (handedBackCount > 0 ? "; " + handedBackCount
                + " running job(s) exceeded the grace period and were handed back to their queues" : ""));
    }

    /** What the workers ask for: a private class, so none of it is part of the engine's public face. */
    private final class Services implements WorkerServices {

        @Override
        public boolean stopping() {
            return stopping;
        }

        @Override
        public void claim(AddressWorker worker, int requested, List<Settlement> settlements) {
            inFlight.claimStarted();
            // the reply is handled on the Redis I/O thread that received it: the worker only decides
            // there, and hands claimed jobs to handler threads (no hop through the dispatcher)
            store.claim(worker.address(), requested, settlements, worker.queueLimit(), worker.keyLimit())
                    .whenComplete((batch, error) -> {
                        try {
                            worker.claimReturned(settlements, requested, batch, error);
                        } finally {
                            inFlight.claimFinished();
                        }
                    });
        }

        @Override
        public void settle(AddressWorker worker, List<Settlement> settlements, ClaimBatch batch) {
            wakeRouter.observeRedisClock(batch.redisNow());
            for (Settlement settlement : settlements) {
                leases.forget(worker, settlement.job());
                inFlight.attemptSettled();
            }
            replyEvents.settled(settlements, batch.settled());
            batch.stalled().forEach(s -> replyEvents.stalled(worker.address(), s));
        }

        @Override
        public void launch(AddressWorker worker, ClaimedJob job) {
            inFlight.attemptStarted();
            try {
                handlerPool.execute(() -> runAttempt(worker, job));
            } catch (RejectedExecutionException stopped) {
                // the engine stopped while the claim travelled: give the job back, so a late reply
                // never strands it ACTIVE
                inFlight.attemptEnded(false);
                leases.forget(worker, job);
                handedBack.handBack(job);
            }
        }

        /** On a handler thread; the attempt's end drives the worker from here, without a hop. */
        private void runAttempt(AddressWorker worker, ClaimedJob job) {
            Settlement outcome = null;
            try {
                outcome = attempts.run(worker.handler, job);
            } finally {
                inFlight.attemptEnded(outcome != null);
                if (outcome == null) {
                    leases.forget(worker, job);
                    worker.attemptFinished();
                } else if (outcome.failure() == null) {
                    worker.attemptSucceeded(job);
                } else {
                    worker.attemptFailed(job, outcome.failure());
                }
            }
        }

        @Override
        public void handBack(ClaimedJob job) {
            // a blocking Redis call: never on the I/O thread a claim reply arrives on. Counted like
            // an attempt, so a graceful stop waits for it
            inFlight.attemptStarted();
            try {
                handlerPool.execute(() -> {
                    try {
                        handedBack.handBack(job);
                    } finally {
                        inFlight.attemptEnded(false);
                    }
                });
            } catch (RejectedExecutionException stopped) {
                inFlight.attemptEnded(false);
                handedBack.handBack(job);
            }
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
            try {
                return dispatcher.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                return null; // nothing claims any more
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
}
