package io.managedqueue.extension.tx;

import java.util.List;

import io.managedqueue.extension.redis.PreparedJob;

/**
 * A validated flow waiting for its transaction's commit.
 *
 * @param parent      the parent job
 * @param children    its children, in order
 * @param ignoreFails per child: whether its failure leaves the parent alone
 */
public record DeferredFlow(PreparedJob parent, List<PreparedJob> children, List<Boolean> ignoreFails) {
}
