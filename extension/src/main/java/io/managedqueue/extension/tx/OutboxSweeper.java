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

/**
 * Relays what a crash between a commit and its relay left in the outbox. Runs in every process that
 * has the outbox configured; one at a time across all of them (a Redis lock), and a relay that
 * repeats one (a sweep racing a slow after-commit relay) creates no second job: the row carries
 * the job's id, and enqueue keeps an existing job.
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
                store.enqueueAll(rows.stream().map(OutboxRow::job).toList()); // Redis first: a crash before the delete relays again, harmlessly
                outbox.delete(rows.stream().map(OutboxRow::rowId).toList());
                total += rows.size();
                LOG.info("Managed queue: relayed " + rows.size() + " job(s) a crash left in the " + outbox);
            }
        } while (rows.size() == BATCH);
        return total;
    }
}
