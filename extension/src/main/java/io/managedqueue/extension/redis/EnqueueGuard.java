package io.managedqueue.extension.redis;

/**
 * A compare-and-set checked by {@code enqueue.lua} before it writes anything: the job is
 * created only if field {@code field} of hash {@code hashKey} holds {@code expected}, which
 * the same script then replaces with {@code next}. A scheduler uses it to create the job of a
 * tick and move to the next tick in one step, so two processes can never both create it.
 * The hash must share the job's hash tag (one Redis Cluster slot per script).
 *
 * @param hashKey  the guarding hash
 * @param field    its field
 * @param expected the value that lets the enqueue happen ({@code ""} matches an absent field)
 * @param next     the field's value afterwards
 */
public record EnqueueGuard(String hashKey, String field, String expected, String next) {
}
