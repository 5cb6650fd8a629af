package io.managedqueue.api;

import java.util.List;

/**
 * What {@link ManagedQueueService#enqueueFlow(FlowRequest)} did.
 *
 * @param parentJobId the parent's job id
 * @param childJobIds the children's job ids, in the order they were added; empty when not created
 * @param created     {@code false} when a parent with the same custom id already existed: it was
 *                    returned and nothing was written
 */
public record FlowResult(String parentJobId, List<String> childJobIds, boolean created) {

    /** Copies the list. */
    public FlowResult {
        childJobIds = List.copyOf(childJobIds);
    }
}
