package io.managedqueue.extension;

import io.managedqueue.api.EnqueueRequest;

/** Test data builders for requests. */
final class Jobs {

    static final String PLUGIN = "@test/plugin";
    static final String QUEUE = "test.queue";

    private Jobs() {
    }

    /** @return a request for {@code {@test/plugin, test.queue, job}} of tenant {@code t1} */
    static <T> EnqueueRequest.Builder<T> aJob(String job) {
        return EnqueueRequest.<T>builder(PLUGIN, QUEUE, job).tenantId("t1");
    }
}
