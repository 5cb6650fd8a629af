package io.managedqueue.reliability;

import static io.managedqueue.reliability.support.Reliability.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.managedqueue.reliability.support.Figures;
import io.managedqueue.reliability.support.OutboxCrashRun;
import io.managedqueue.reliability.support.OutboxDatabase;
import io.managedqueue.reliability.support.Reliability;
import io.managedqueue.reliability.worker.OrderTransactions;

/**
 * Scenario 14: a producer JVM enqueues jobs inside JTA transactions (Narayana) with the outbox on a
 * database that outlives it, and is killed with SIGKILL after its commits and before their relay to
 * Redis: deterministically (every committed transaction held in {@code afterCompletion}), and at an
 * arbitrary moment of a load of concurrent transactions while a worker runs the jobs and only a few
 * finished ones are kept (so a relay repeated after a job's removal would create it again). Two worker
 * JVMs then start together and sweep. Every committed job must exist and run exactly once, no
 * rolled-back job may exist, no row may be left, and the two sweepers together relay each row once.
 */
@Tag(Reliability.TAG)
class OutboxCrashReliabilityTest {

    static final int HELD_TRANSACTIONS = 20;
    /** Finished jobs kept (the producer's retention) under load: a relay repeated after their removal would create them again. */
    static final int COMPLETED_KEPT = 5;

    @Test
    void aProducerKilledBetweenCommitAndRelayLosesNoJobOnH2() throws Exception {
        try (OutboxDatabase db = OutboxDatabase.h2()) {
            held("14-outbox-crash-h2-held", db);
        }
    }

    @Test
    void aProducerKilledUnderLoadLosesNoJobOnH2() throws Exception {
        try (OutboxDatabase db = OutboxDatabase.h2()) {
            underLoad("14-outbox-crash-h2-load", db, new Random(14).nextInt(200));
        }
    }

    @Test
    void aProducerKilledUnderLoadLosesNoJobOnPostgres() throws Exception {
        Assumptions.assumeTrue(OutboxDatabase.postgresRunning(), "no PostgreSQL on 127.0.0.1:5432");
        try (OutboxDatabase db = OutboxDatabase.postgres()) {
            underLoad("14-outbox-crash-postgres-load", db, new Random(41).nextInt(200));
        }
    }

    private static void held(String name, OutboxDatabase db) throws Exception {
        long committedTransactions = IntStream.range(0, HELD_TRANSACTIONS).filter(t -> !OrderTransactions.rollsBack(t)).count();
        try (OutboxCrashRun run = new OutboxCrashRun(name, db).startProducer(HELD_TRANSACTIONS, true)) {
            await("every transaction committed and held before its relay").atMost(seconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> run.producer().countLines("HELD AFTER COMMIT") == committedTransactions
                            && run.producer().countLines("ROLLED BACK") == HELD_TRANSACTIONS - committedTransactions);
            run.kill();
            OutboxCrashRun.Result r = run.sweep();
            report(name, "held after commit: " + HELD_TRANSACTIONS + " transactions on " + HELD_TRANSACTIONS + " threads", r);
            // the window was hit: everything committed, nothing relayed
            assertThat(r.rowsAtKill()).as("outbox rows at the kill").hasSize(r.committed().size());
            assertThat(r.rowsInRedisAtKill()).as("jobs already in Redis at the kill").isZero();
            assertOutcome(r);
        }
    }

    private static void underLoad(String name, OutboxDatabase db, int extraOrders) throws Exception {
        int threshold = 200 + extraOrders;
        try (OutboxCrashRun run = new OutboxCrashRun(name, db).startBusyWorker(COMPLETED_KEPT).startProducer(6, false)) {
            await("production reaches " + threshold + " orders").atMost(seconds(40)).pollInterval(Duration.ofMillis(5))
                    .until(() -> db.count("orders") >= threshold);
            run.kill();
            OutboxCrashRun.Result r = run.sweep();
            report(name, "load: 6 threads committing, a worker JVM running the jobs (" + COMPLETED_KEPT
                    + " finished jobs kept), killed after " + threshold + " orders", r);
            // the path of a second relay was taken: rows whose jobs Redis had (their deletes lag the commits)
            assertThat(r.rowsInRedisAtKill()).as("relayed rows not yet deleted at the kill").isPositive();
            assertOutcome(r);
        }
    }

    private static void assertOutcome(OutboxCrashRun.Result r) {
        assertThat(r.committed()).as("committed jobs").isNotEmpty();
        assertThat(r.rolledBack()).as("rolled-back jobs").isNotEmpty();
        assertThat(r.committedNowhereAtKill()).as("committed jobs neither in Redis nor in the outbox at the kill").isZero();
        assertThat(r.lost()).as("committed jobs not run to completion").isEmpty();
        assertThat(r.duplicated()).as("jobs run more than once").isEmpty();
        assertThat(r.phantoms()).as("jobs run that no committed transaction enqueued").isEmpty();
        assertThat(r.rolledBackInRedis()).as("rolled-back jobs in Redis").isEmpty();
        assertThat(r.rowsLeft()).as("outbox rows left").isZero();
        assertThat(Arrays.stream(r.relayedBySweeper()).sum()).as("rows relayed by the two sweepers together").isEqualTo(r.rowsAfterKill());
    }

    private static void report(String name, String how, OutboxCrashRun.Result r) {
        new Figures(name)
                .put("producer", how)
                .put("committed jobs (orders)", r.committed().size())
                .put("of which the database committed after the kill (a COMMIT sent just before it)", r.committedAfterSnapshot())
                .put("rolled-back jobs", r.rolledBack().size())
                .put("outbox rows at the kill (snapshot right after it)", r.rowsAtKill().size())
                .put("outbox rows to relay (snapshot + rows of commits the database finished after it)", r.rowsAfterKill())
                .put("of which had reached Redis (relayed, not yet deleted)", r.rowsInRedisAtKill())
                .put("committed jobs neither in Redis nor in the outbox at the kill", r.committedNowhereAtKill())
                .put("rows relayed per sweeper (two JVMs started together)", Arrays.toString(r.relayedBySweeper()))
                .put("of those, per sweeper: found relayed before (not created again)", Arrays.toString(r.seenBySweeper()))
                .put("kill -> outbox empty, ms (includes both sweeper JVMs' start)", r.sweptMillis())
                .put("first sweeper JVM ready -> outbox empty, ms (sweep interval 250 ms, sweep-after 1 s)", r.sweptAfterReadyMillis())
                .put("outbox rows left", r.rowsLeft())
                .put("jobs lost", r.lost().size())
                .put("jobs run more than once (duplicates)", r.duplicated().size())
                .put("jobs run that no committed transaction enqueued", r.phantoms().size())
                .put("rolled-back jobs in Redis", r.rolledBackInRedis().size())
                .report();
    }
}
