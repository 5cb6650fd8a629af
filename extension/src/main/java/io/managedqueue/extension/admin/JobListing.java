package io.managedqueue.extension.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.api.admin.JobPage;
import io.managedqueue.api.admin.JobQuery;
import io.managedqueue.extension.redis.AdminStore;
import io.managedqueue.extension.redis.ListingCursor;
import io.managedqueue.extension.redis.ListingPage;
import io.managedqueue.extension.redis.ListingSegment;
import io.managedqueue.extension.redis.QueueName;
import io.managedqueue.extension.redis.RedisKeys;

/**
 * Lists a queue's jobs page by page: the structures that hold each requested state, walked in
 * state order, then job name order, newest first in each. Each call looks at a bounded number of
 * members, so a page over a sparse filter (one tenant among many) is a few calls, never a scan.
 */
final class JobListing {

    /** Calls one page may take before it returns short, with a cursor to go on. */
    private static final int MAX_CALLS_PER_PAGE = 5;

    private final AdminStore store;
    private final RedisKeys keys;

    JobListing(AdminStore store, RedisKeys keys) {
        this.store = store;
        this.keys = keys;
    }

    JobPage page(JobQuery query, List<String> jobNames, String tenant) {
        QueueName queue = new QueueName(query.pluginName(), query.queueName());
        List<ListingSegment> segments = segments(queue, query, jobNames);
        ListingCursor cursor = query.cursor().map(ListingCursor::parse).orElse(ListingCursor.START);
        if (cursor.segment() > segments.size()) {
            throw new IllegalArgumentException("cursor does not belong to this query: " + cursor);
        }
        List<JobSnapshot> jobs = new ArrayList<>(query.limit());
        Optional<ListingCursor> next = Optional.of(cursor);
        for (int call = 0; call < MAX_CALLS_PER_PAGE && next.isPresent() && jobs.size() < query.limit(); call++) {
            ListingPage page = store.page(queue, segments, tenant, query.limit() - jobs.size(), next.get());
            jobs.addAll(page.jobs());
            next = page.next();
        }
        return new JobPage(jobs, next.map(ListingCursor::toString));
    }

    private List<ListingSegment> segments(QueueName queue, JobQuery query, List<String> jobNames) {
        List<ListingSegment> segments = new ArrayList<>();
        for (JobState state : query.states()) {
            for (String job : jobNames) {
                JobAddress address = queue.address(job);
                switch (state) {
                    case WAITING -> {
                        segments.add(new ListingSegment(state, keys.waitList(address), true));
                        segments.add(new ListingSegment(state, keys.prio(address), false));
                    }
                    case DELAYED -> segments.add(new ListingSegment(state, keys.delayed(address), false));
                    case ACTIVE -> segments.add(new ListingSegment(state, keys.active(address), false));
                    case COMPLETED -> segments.add(new ListingSegment(state, keys.completed(address), false));
                    case FAILED, CANCELLED -> segments.add(new ListingSegment(state, keys.failed(address), false));
                    case WAITING_CHILDREN -> segments.add(new ListingSegment(state, keys.parents(address), false));
                }
            }
        }
        return segments;
    }
}
