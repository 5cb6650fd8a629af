/**
 * Internal: enqueue that follows the caller's JTA transaction. Jobs enqueued inside an active
 * transaction wait in its {@link io.managedqueue.extension.tx.PendingWrites} and reach Redis after
 * the commit in one pipelined batch (never on rollback); with an outbox they are also written to the
 * application's database in the transaction, and relayed from there. Only
 * {@code JtaTransactionJoin} and {@code AfterCompletion} name {@code jakarta.transaction}: without
 * that API on the class path neither loads.
 */
package io.managedqueue.extension.tx;
