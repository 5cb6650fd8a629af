package io.managedqueue.extension.tx;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;

/** Hands a transaction's outcome to its pending writes. */
final class AfterCompletion implements Synchronization {

    private final PendingWrites pending;

    AfterCompletion(PendingWrites pending) {
        this.pending = pending;
    }

    @Override
    public void beforeCompletion() {
        pending.beforeCommit();
    }

    @Override
    public void afterCompletion(int status) {
        if (status == Status.STATUS_COMMITTED) {
            pending.committed();
        } else {
            pending.rolledBack();
        }
    }
}
