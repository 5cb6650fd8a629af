package io.managedqueue.extension.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobScope;
import io.managedqueue.extension.config.RateLimitPolicy;
import io.managedqueue.extension.redis.ClaimBatch;
import io.managedqueue.extension.redis.ClaimedJob;
import io.managedqueue.extension.redis.JobRef;
import io.managedqueue.extension.redis.SettleOutcome;
import io.managedqueue.extension.redis.Settlement;

/**
 * The claim loop of one address against a fake engine: the test thread plays every thread that drives it,
 * and each claim's reply is given by hand.
 */
class AddressWorkerTest {

    private static final JobAddress SEND = new JobAddress("@acme/p", "out", "send");

    private final FakeServices engine = new FakeServices();

    @Test
    void claimsNoMoreThanItsFreeSlotsWithTwoClaimsInFlightAtMost() {
        AddressWorker worker = worker(3);

        worker.poke();
        worker.poke(); // every slot is reserved by the claim in flight: nothing to ask for
        assertThat(engine.claims).extracting(Claim::requested).containsExactly(3);

        reply(worker, 0, List.of(job("a"), job("b")), 1); // two jobs, more waiting: the slot left goes out at once
        assertThat(engine.launched).containsExactly("a", "b");
        assertThat(engine.claims).extracting(Claim::requested).containsExactly(3, 1);

        worker.attemptFinished(); // a was handed back: nothing to store, its slot is free
        worker.poke(); // and something is ready: a second claim while the first travels
        assertThat(engine.claims).extracting(Claim::requested).containsExactly(3, 1, 1);

        worker.attemptFinished(); // b's slot is free too
        worker.poke();
        assertThat(engine.claims).as("a free slot, but two claims in flight already").hasSize(3);

        reply(worker, 1, List.of(), 1);
        assertThat(engine.claims).as("one claim back: both free slots go out").extracting(Claim::requested)
                .containsExactly(3, 1, 1, 2);
    }

    @Test
    void aSuccessIsSettledByTheNextClaimWhichAsksForItsSlotAgain() {
        ClaimedJob a = job("a");
        AddressWorker worker = oneSlotWorkerThatRan(a);

        Claim next = engine.claims.get(1);
        assertThat(next.settlements()).containsExactly(Settlement.completed(a));
        assertThat(next.requested()).isEqualTo(1);
        reply(worker, 1, List.of(), 0);
        assertThat(engine.settled).containsExactly(Settlement.completed(a));
    }

    @Test
    void aFailureIsSettledByTheNextClaimLikeASuccessAndItsSlotAskedForAgain() {
        ClaimedJob a = job("a");
        ClaimedJob b = job("b");
        Settlement.Failure boom = new Settlement.Failure("boom", 10, false, "");
        AddressWorker worker = worker(2);
        worker.poke();
        reply(worker, 0, List.of(a, b), 0);

        worker.attemptFailed(a, boom);
        worker.attemptSucceeded(b);

        assertThat(engine.claims.get(1).settlements()).as("no round trip of its own: the failure rides on a claim")
                .containsExactly(Settlement.failed(a, boom));
        assertThat(engine.claims.get(1).requested()).isEqualTo(1);
        assertThat(engine.claims.get(2).settlements()).containsExactly(Settlement.completed(b));
        reply(worker, 1, List.of(), 0);
        reply(worker, 2, List.of(), 0);
        assertThat(engine.settled).containsExactly(Settlement.failed(a, boom), Settlement.completed(b));
    }

    @Test
    void aFailedClaimKeepsItsSettlementsAndRetriesAfterABackoff() {
        ClaimedJob a = job("a");
        AddressWorker worker = oneSlotWorkerThatRan(a);

        worker.claimReturned(engine.claims.get(1).settlements(), 1, null, new IllegalStateException("Redis down"));

        assertThat(engine.timers).as("a look at the queue once the backoff is over").containsExactly(25L);
        assertThat(engine.settled).isEmpty();
        worker.poke();
        assertThat(engine.claims).as("no claim during the backoff").hasSize(2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            worker.poke(); // what the timer does
            assertThat(engine.claims).hasSize(3);
        });
        assertThat(engine.claims.get(2).settlements()).as("the completion goes again").containsExactly(Settlement.completed(a));
    }

    @Test
    void stoppingHandsBackWhatAReplyClaimedAndOnlySettles() {
        AddressWorker worker = worker(2);
        worker.poke();
        engine.stopping = true;

        reply(worker, 0, List.of(job("a"), job("b")), 5);

        assertThat(engine.launched).isEmpty();
        assertThat(engine.handedBack).containsExactly("a", "b");
        assertThat(engine.claims).as("waiting jobs are left for other workers").hasSize(1);
    }

    /**
     * The worker is driven by whichever thread has news: here claim replies arrive on two "I/O"
     * threads and attempts end on a pool of handler threads, all at once. Every job must run
     * exactly once and settle exactly once, and never more jobs run than the worker has slots.
     */
    @Test
    void drivenFromManyThreadsAtOnceItNeverOverbooksAndLosesNothing() throws Exception {
        int concurrency = 4;
        int total = 3000;
        ConcurrentEngine concurrent = new ConcurrentEngine(total, concurrency);
        HandlerDescriptor handler = new HandlerDescriptor(SEND, null, String.class, concurrency);
        AddressWorker worker = new AddressWorker(
                new HandlerSettings(handler, concurrency, RateLimitPolicy.NONE, RateLimitPolicy.NONE), concurrent);
        try {
            worker.poke();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                worker.poke(); // what the poll timer does
                assertThat(concurrent.settled).hasSize(total);
            });
            assertThat(concurrent.runs).as("each job ran once").hasSize(total);
            assertThat(concurrent.settled).as("each completion settled once").doesNotHaveDuplicates();
            assertThat(concurrent.maxHolding.get()).as("jobs held (launched, not yet settled) never exceed the slots").isLessThanOrEqualTo(concurrency);
            assertThat(concurrent.maxClaimsInFlight.get()).isLessThanOrEqualTo(2);
        } finally {
            concurrent.shutdown();
        }
    }

    private AddressWorker worker(int concurrency) {
        HandlerDescriptor handler = new HandlerDescriptor(SEND, null, String.class, concurrency);
        return new AddressWorker(new HandlerSettings(handler, concurrency, RateLimitPolicy.NONE, RateLimitPolicy.NONE), engine);
    }

    /** @return a worker of one slot that claimed {@code job} and ran it successfully: its completion is on its way */
    private AddressWorker oneSlotWorkerThatRan(ClaimedJob job) {
        AddressWorker worker = worker(1);
        worker.poke();
        reply(worker, 0, List.of(job), 0);
        worker.attemptSucceeded(job);
        return worker;
    }

    /** Answers claim number {@code index}: every settlement it carried stored (a failure retried). */
    private void reply(AddressWorker worker, int index, List<ClaimedJob> claimed, long waitingLeft) {
        Claim claim = engine.claims.get(index);
        Instant now = Instant.now();
        List<SettleOutcome> stored = claim.settlements().stream().map(s -> new SettleOutcome(
                s.succeeded() ? SettleOutcome.Kind.COMPLETED : SettleOutcome.Kind.RETRY_DELAYED, s.job().attemptsMade(), now))
                .toList();
        worker.claimReturned(claim.settlements(), claim.requested(), new ClaimBatch(now.toEpochMilli(), -1, waitingLeft, stored,
                List.of(), claimed), null);
    }

    private static ClaimedJob job(String id) {
        return new ClaimedJob(new JobRef(SEND.pluginName(), SEND.queueName(), "t1", id), SEND, "lease-" + id, 1,
                JobScope.of("t1", null), null, null, 3, Backoff.none(), Instant.now(), null);
    }

    private record Claim(int requested, List<Settlement> settlements) {
    }

    /** Records what the worker asks for; nothing runs. */
    private static final class FakeServices implements WorkerServices {

        final List<Claim> claims = new ArrayList<>();
        final List<String> launched = new ArrayList<>();
        final List<String> handedBack = new ArrayList<>();
        final List<Settlement> settled = new ArrayList<>();
        final List<Long> timers = new ArrayList<>();
        boolean stopping;

        @Override
        public boolean stopping() {
            return stopping;
        }

        @Override
        public void claim(AddressWorker worker, int requested, List<Settlement> settlements) {
            claims.add(new Claim(requested, settlements));
        }

        @Override
        public void settle(AddressWorker worker, List<Settlement> settlements, ClaimBatch batch) {
            settled.addAll(settlements);
        }

        @Override
        public void launch(AddressWorker worker, ClaimedJob job) {
            launched.add(job.ref().localId());
        }

        @Override
        public void handBack(ClaimedJob job) {
            handedBack.add(job.ref().localId());
        }

        /** Timers are recorded and never fire: the test pokes the worker itself. */
        @Override
        public ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
            timers.add(delayMillis);
            return null;
        }
    }

    /**
     * Answers each claim on one of two reply threads with up to {@code requested} of {@code total}
     * jobs, and runs each launched job on a handler pool whose end drives the worker again.
     */
    private static final class ConcurrentEngine implements WorkerServices {

        final Set<String> runs = ConcurrentHashMap.newKeySet();
        final Queue<String> settled = new ConcurrentLinkedQueue<>();
        /** The most jobs launched and not yet settled at once: what the worker's slots bound. */
        final AtomicInteger maxHolding = new AtomicInteger();
        final AtomicInteger maxClaimsInFlight = new AtomicInteger();
        private final AtomicInteger holding = new AtomicInteger();
        private final AtomicInteger claimsInFlight = new AtomicInteger();
        private final AtomicInteger nextJob = new AtomicInteger();
        private final int total;
        private final ExecutorService replies = Executors.newFixedThreadPool(2);
        private final ExecutorService handlers;

        ConcurrentEngine(int total, int concurrency) {
            this.total = total;
            this.handlers = Executors.newFixedThreadPool(concurrency + 2); // more threads than slots: overbooking would show
        }

        @Override
        public boolean stopping() {
            return false;
        }

        @Override
        public void claim(AddressWorker worker, int requested, List<Settlement> settlements) {
            maxClaimsInFlight.accumulateAndGet(claimsInFlight.incrementAndGet(), Math::max);
            replies.execute(() -> {
                List<ClaimedJob> claimed = new ArrayList<>();
                for (int i = 0; i < requested; i++) {
                    int n = nextJob.getAndIncrement();
                    if (n >= total) {
                        break;
                    }
                    claimed.add(job("j" + n));
                }
                Instant now = Instant.now();
                List<SettleOutcome> stored = settlements.stream()
                        .map(s -> new SettleOutcome(SettleOutcome.Kind.COMPLETED, s.job().attemptsMade(), now)).toList();
                long waitingLeft = Math.max(0, total - nextJob.get());
                claimsInFlight.decrementAndGet();
                worker.claimReturned(settlements, requested,
                        new ClaimBatch(System.currentTimeMillis(), -1, waitingLeft, stored, List.of(), claimed), null);
            });
        }

        @Override
        public void settle(AddressWorker worker, List<Settlement> settlements, ClaimBatch batch) {
            settlements.forEach(s -> settled.add(s.job().ref().localId()));
            holding.addAndGet(-settlements.size());
        }

        @Override
        public void launch(AddressWorker worker, ClaimedJob job) {
            maxHolding.accumulateAndGet(holding.incrementAndGet(), Math::max);
            handlers.execute(() -> {
                runs.add(job.ref().localId());
                worker.attemptSucceeded(job);
            });
        }

        @Override
        public void handBack(ClaimedJob job) {
            throw new AssertionError("not stopping");
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
            return null;
        }

        void shutdown() {
            replies.shutdownNow();
            handlers.shutdownNow();
        }
    }
}
