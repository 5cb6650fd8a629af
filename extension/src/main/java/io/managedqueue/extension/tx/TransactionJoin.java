package io.managedqueue.extension.tx;

/** Finds the JTA transaction of the calling thread. Internal. */
public interface TransactionJoin {

    /**
     * @return the pending writes of the calling thread's active transaction, created and registered
     *         for its completion on the first call in that transaction; {@code null} when no
     *         transaction is active
     */
    PendingWrites current();
}
