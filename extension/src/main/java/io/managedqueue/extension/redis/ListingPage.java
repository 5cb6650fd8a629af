package io.managedqueue.extension.redis;

import java.util.List;
import java.util.Optional;

import io.managedqueue.api.JobSnapshot;

/**
 * What one listing call found.
 *
 * @param jobs the jobs, in listing order
 * @param next where the listing goes on; empty when it is complete
 */
public record ListingPage(List<JobSnapshot> jobs, Optional<ListingCursor> next) {
}
