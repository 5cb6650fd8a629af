package io.managedqueue.extension.tx;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

import io.managedqueue.extension.redis.JobStore;
import io.managedqueue.extension.redis.PreparedJob;

/**
 * Relays what a crash between a commit and its relay left in the outbox. Runs in every process that
 * has the outbox configured; one at a time across all of them (a Redis lock), and a relay that
 * repeats one (a sweep racing a slow after-commit relay, or a crash before a row's delete) creates
 * no second job: each row's job is enqueued guarded by the row ({@link RelayGuards}), and the row
 * carries the job's id, so enqueue keeps an existing job.
 */
public final class OutboxSweeper {

    private static final Logger LOG = Logger.getLogger(OutboxSweeper.class.getName());
    /** Rows per sweep: bounds one pipelined batch and one transaction's worth of deletes. */
    static final int BATCH = 500;

    private final Outbox outbox;
    private final JobStore store;
    private final RedissonClient redis;
    private final Duration after;

    /**
     * @param outbox the outbox
     * @param store  where jobs go
     * @param redis  for the sweepers' lock
     * @param after  how old a row must be: younger ones are still being relayed after their commit
     */
    public OutboxSweeper(Outbox outbox, JobStore store, RedissonClient redis, Duration after) {
        this.outbox = outbox;
        this.store = store;
        this.redis = redis;
        this.after = after;
    }

    /** @return how many rows this call relayed (0 when another process is sweeping) */
    public int sweepOnce() {
        RLock lock = redis.getLock(store.keys().outboxSweeper());
        try {
            // leased: a sweeper that dies holding it blocks the others for one minute at most
            if (!lock.tryLock(0, 60, TimeUnit.SECONDS)) {
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        try {
            return relayLeftBehind();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Managed queue: the outbox sweep failed; it runs again at the next interval", e);
            return 0;
        } finally {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
    }

    private int relayLeftBehind() throws SQLException {
        int total = 0;
        List<OutboxRow> rows;
        do {
            rows = outbox.leftBehind(System.currentTimeMillis() - after.toMillis(), BATCH);
            if (!rows.isEmpty()) {
                List<String> rowIds = rows.stream().map(OutboxRow::rowId).toList();
                List<PreparedJob> jobs = RelayGuards.guard(store, rows.stream().map(OutboxRow::job).toList(), rowIds);
                // Redis first: a crash before the delete relays again, and the rows' guards make that create nothing
                long before = store.enqueueAll(jobs).stream().filter(r -> r.state() == null).count();
                outbox.delete(rowIds);
                RelayGuards.forgetQuietly(store, jobs);
                total += rows.size();
                LOG.info("Managed queue: relayed " + rows.size() + " job(s) a crash left in the " + outbox + " (" + before
                        + " of them had reached Redis already: not created again)");
            }
        } while (rows.size() == BATCH);
        return total;
    }
}
