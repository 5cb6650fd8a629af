package io.managedqueue.extension.tx;

import java.util.ArrayList;
import java.util.List;

import io.managedqueue.extension.redis.PreparedJob;

/**
 * The jobs and flows one transaction enqueued, in call order, waiting for its outcome. Confined
 * to the transaction: JTA runs a transaction on one thread at a time.
 */
public final class PendingWrites {

    /** Makes the pending writes of each new transaction. */
    @FunctionalInterface
    public interface Factory {
        PendingWrites create();
    }

    private final CommitRelay relay;
    private final Outbox outbox;
    private final List<PreparedJob> jobs = new ArrayList<>();
    private final List<String> outboxRows = new ArrayList<>();
    private final List<DeferredFlow> flows = new ArrayList<>();

    /**
     * @param relay  sends what the transaction committed
     * @param outbox the application's outbox, or {@code null} for none
     */
    public PendingWrites(CommitRelay relay, Outbox outbox) {
        this.relay = relay;
        this.outbox = outbox;
    }

    /**
     * Adds validated jobs; with an outbox their rows are inserted now, in the transaction.
     *
     * @param batch the jobs of one call
     */
    public void add(List<PreparedJob> batch) {
        if (outbox != null) {
            outboxRows.addAll(outbox.insert(batch));
        }
        jobs.addAll(batch);
    }

    /** @param flow a validated flow (not kept in the outbox: a flow is one script, its ids are its parent's) */
    public void addFlow(DeferredFlow flow) {
        flows.add(flow);
    }

    void beforeCommit() {
        // nothing to do: outbox rows were written at enqueue, where a failure reaches the caller
    }

    void committed() {
        relay.send(List.copyOf(jobs), List.copyOf(flows), List.copyOf(outboxRows));
    }

    void rolledBack() {
        jobs.clear();
        flows.clear();
        outboxRows.clear();
    }
}
