package io.managedqueue.tck.priority;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.managedqueue.testing.TestTimeouts;

/**
 * Holds a handler inside its job until the test releases that job (or a bounded time passes),
 * so the jobs enqueued meanwhile all wait and their order is decided by the queue alone.
 */
@ApplicationScoped
public class Gate {

    private final Map<String, CountDownLatch> latches = new ConcurrentHashMap<>();

    /**
     * @param jobId the job to let through, whether or not it has reached the gate yet
     */
    public void release(String jobId) {
        latch(jobId).countDown();
    }

    /**
     * Waits until {@link #release(String)}, at most 30 s (scaled): a forgotten job must not hang the suite.
     *
     * @param jobId the job at the gate
     * @throws InterruptedException when the worker is interrupted
     */
    public void pass(String jobId) throws InterruptedException {
        latch(jobId).await(TestTimeouts.seconds(30).toMillis(), TimeUnit.MILLISECONDS);
    }

    private CountDownLatch latch(String jobId) {
        return latches.computeIfAbsent(jobId, id -> new CountDownLatch(1));
    }
}
