package io.managedqueue.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parent job that runs only after all its children have ended, created atomically with
 * them by {@link ManagedQueueService#enqueueFlow(FlowRequest)}: either the parent and every
 * child exist afterwards, or none of them.
 *
 * <p>The parent waits in {@link JobState#WAITING_CHILDREN}. Children run like any job, in their
 * own logical queues (they may differ from the parent's), with their own attempts and backoff.
 * When the last child has ended the parent becomes {@link JobState#WAITING} and runs; its
 * handler reads each child's final state with {@link ManagedQueueJob#children()} and each
 * child's {@link ManagedQueueJob#setResult(Object) result} with
 * {@link ManagedQueueJob#childResult(String, Class)}. A child's final failure or cancellation
 * fails the parent at once ({@link ChildFailure#FAIL_PARENT}, the default) or is ignored
 * ({@link ChildFailure#IGNORE}). Cancelling the parent does not cancel its children.
 *
 * <pre>{@code
 * FlowResult flow = queue.enqueueFlow(FlowRequest.builder(
 *                 EnqueueRequest.builder("@acme/plugin-crm", "crm.sync", "merge").payload(new Merge(accountId)).build())
 *         .child(EnqueueRequest.builder("@acme/plugin-crm", "crm.fetch", "contacts").payload(accountId).build())
 *         .child(EnqueueRequest.builder("@acme/plugin-crm", "crm.fetch", "deals").payload(accountId).build(),
 *                 ChildFailure.IGNORE)
 *         .build());
 * }</pre>
 *
 * <p>Constraints: 1 to {@value #MAX_CHILDREN} children; the parent has no delay and no
 * deduplication; children have no deduplication, and a child with a custom job id that already
 * exists refuses the whole flow. All jobs of a flow belong to the same tenant (captured from the
 * caller like {@link ManagedQueueService#enqueue(EnqueueRequest)}). On Redis Cluster every job of
 * a flow must be in the parent's logical queue (one hash slot keeps the creation atomic).
 */
public final class FlowRequest {

    /** Most children per flow. */
    public static final int MAX_CHILDREN = 1000;

    /** A child and the effect of its failure. */
    public record Child(EnqueueRequest<?> request, ChildFailure onFailure) {
        /** Checks both are present. */
        public Child {
            Objects.requireNonNull(request, "child");
            Objects.requireNonNull(onFailure, "onFailure");
        }
    }

    private final EnqueueRequest<?> parent;
    private final List<Child> children;

    private FlowRequest(EnqueueRequest<?> parent, List<Child> children) {
        this.parent = parent;
        this.children = List.copyOf(children);
    }

    /**
     * @param parent the job to run after the children
     * @return a builder
     */
    public static Builder builder(EnqueueRequest<?> parent) {
        return new Builder(parent);
    }

    /** @return the parent job */
    public EnqueueRequest<?> parent() {
        return parent;
    }

    /** @return the children, in the order added */
    public List<Child> children() {
        return children;
    }

    /** Builds a {@link FlowRequest}. */
    public static final class Builder {
        private final EnqueueRequest<?> parent;
        private final List<Child> children = new ArrayList<>();

        private Builder(EnqueueRequest<?> parent) {
            this.parent = parent;
        }

        /**
         * Adds a child whose final failure fails the parent.
         *
         * @param child the child job
         * @return this builder
         */
        public Builder child(EnqueueRequest<?> child) {
            return child(child, ChildFailure.FAIL_PARENT);
        }

        /**
         * @param child     the child job
         * @param onFailure what the child's final failure or cancellation does to the parent
         * @return this builder
         */
        public Builder child(EnqueueRequest<?> child, ChildFailure onFailure) {
            children.add(new Child(child, onFailure));
            return this;
        }

        /**
         * @return the flow
         * @throws IllegalArgumentException naming the field: no parent, no or too many children,
         *                                  a parent with a delay or deduplication, a child with deduplication
         */
        public FlowRequest build() {
            if (parent == null) {
                throw new IllegalArgumentException("parent must not be null");
            }
            if (!parent.delay().isZero()) {
                throw new IllegalArgumentException("parent.delay must be zero: the parent runs when its children have ended");
            }
            if (parent.deduplication().isPresent()) {
                throw new IllegalArgumentException("parent.deduplication is not supported in a flow");
            }
            if (children.isEmpty() || children.size() > MAX_CHILDREN) {
                throw new IllegalArgumentException("children must number 1 to " + MAX_CHILDREN + ", was " + children.size());
            }
            for (int i = 0; i < children.size(); i++) {
                if (children.get(i).request().deduplication().isPresent()) {
                    throw new IllegalArgumentException("children[" + i + "].deduplication is not supported in a flow");
                }
            }
            return new FlowRequest(parent, children);
        }
    }
}
