package io.managedqueue.tck.shutdown;

import static io.managedqueue.tck.support.Jobs.awaitState;
import static io.managedqueue.tck.support.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.JobSnapshot;
import io.managedqueue.api.JobState;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.tck.support.TckDeployment;
import io.managedqueue.testing.TestRedis;
import io.managedqueue.testing.TestTimeouts;

/**
 * Graceful shutdown: stopping the application lets a running job finish within the grace
 * period; a job still running when the grace period ends is handed back ({@code WAITING}), not
 * lost, and another process runs it to completion.
 *
 * <p>Four deployments share one key prefix, and so one logical queue, deployed and undeployed in
 * order by the client-side steps: {@code worker} (grace 10 s), {@code impatient} (grace 300 ms),
 * {@code observer} (no workers: it only looks) and {@code rescuer} (workers again). The job ids
 * travel from step to step through Redis, under plugin keys.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShutdownTest {

    static final String PLUGIN = "@tck/shutdown";
    /** How long the job of the graceful case works: well inside its 10 s grace period. */
    static final Duration GRACEFUL_WORK = Duration.ofMillis(1500);
    /** How long the job of the impatient case works (scaled): well beyond its 300 ms grace period. */
    static final Duration OVERRUN_WORK = Duration.ofSeconds(8);

    private static String sharedPrefix;

    @Deployment(name = "worker", managed = false)
    static Archive<?> worker() {
        return deployment("10s", true);
    }

    @Deployment(name = "impatient", managed = false)
    static Archive<?> impatient() {
        return deployment("300ms", true);
    }

    @Deployment(name = "observer", managed = false)
    static Archive<?> observer() {
        return deployment("10s", false);
    }

    @Deployment(name = "rescuer", managed = false)
    static Archive<?> rescuer() {
        return deployment("10s", true);
    }

    private static synchronized Archive<?> deployment(String gracePeriod, boolean workers) {
        if (sharedPrefix == null) {
            sharedPrefix = TestRedis.uniquePrefix("shutdown");
        }
        return TckDeployment.forTest(ShutdownTest.class)
                .classes(SlowHandler.class)
                .config("managed-queue.key-prefix", sharedPrefix)
                .config("managed-queue.shutdown.grace-period", gracePeriod)
                .config("managed-queue.worker.enabled", String.valueOf(workers))
                .build();
    }

    @ArquillianResource
    Deployer deployer;

    @Inject
    ManagedQueueService queue;

    // --- a running job finishes within the grace period ---

    @Test
    @Order(1)
    @RunAsClient
    void deployWorker() {
        deployer.deploy("worker");
    }

    @Test
    @Order(2)
    @OperateOnDeployment("worker")
    void startAJobThatFinishesWithinTheGracePeriod() {
        startSlowJob("graceful", GRACEFUL_WORK.toMillis());
    }

    @Test
    @Order(3)
    @RunAsClient
    void stopTheWorkerWhileTheJobRuns() {
        deployer.undeploy("worker");
    }

    @Test
    @Order(4)
    @RunAsClient
    void deployAnObserver() {
        deployer.deploy("observer");
    }

    @Test
    @Order(5)
    @OperateOnDeployment("observer")
    void theRunningJobFinishedBeforeTheApplicationStopped() {
        String jobId = jobIdOf("graceful");
        JobSnapshot job = queue.getJob(jobId).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.attemptsMade()).isEqualTo(1);
        assertThat(calls(jobId)).as("ran once, to its end").isEqualTo(1);
        assertThat(queue.getRedis().<String>getBucket(key("finished:" + jobId)).get()).isEqualTo("yes");
    }

    @Test
    @Order(6)
    @RunAsClient
    void stopTheObserver() {
        deployer.undeploy("observer");
    }

    // --- a job still running when the grace period ends is handed back ---

    @Test
    @Order(7)
    @RunAsClient
    void deployAnImpatientWorker() {
        deployer.deploy("impatient");
    }

    @Test
    @Order(8)
    @OperateOnDeployment("impatient")
    void startAJobThatOverrunsTheGracePeriod() {
        startSlowJob("overrun", TestTimeouts.scaled(OVERRUN_WORK).toMillis());
    }

    @Test
    @Order(9)
    @RunAsClient
    void stopTheImpatientWorkerWhileTheJobRuns() {
        Instant start = Instant.now();
        deployer.undeploy("impatient");
        assertThat(Duration.between(start, Instant.now()))
                .as("the application stops after its grace period, without waiting for the job")
                .isLessThan(TestTimeouts.scaled(OVERRUN_WORK));
        deployer.deploy("observer");
    }

    @Test
    @Order(10)
    @OperateOnDeployment("observer")
    void theOverrunningJobWasHandedBack() {
        String jobId = jobIdOf("overrun");
        JobSnapshot job = queue.getJob(jobId).orElseThrow();
        assertThat(job.state()).as("handed back, ready for another process").isEqualTo(JobState.WAITING);
        assertThat(calls(jobId)).isEqualTo(1);
        assertThat(queue.getRedis().<String>getBucket(key("finished:" + jobId)).get()).isNull();
    }

    @Test
    @Order(11)
    @RunAsClient
    void replaceTheObserverWithARescuer() {
        deployer.undeploy("observer");
        deployer.deploy("rescuer");
    }

    @Test
    @Order(12)
    @OperateOnDeployment("rescuer")
    void anotherProcessRunsTheHandedBackJobToCompletion() {
        String jobId = jobIdOf("overrun");
        awaitState(queue, jobId, JobState.COMPLETED);
        assertThat(calls(jobId)).isEqualTo(2);
        assertThat(queue.getRedis().<String>getBucket(key("finished:" + jobId)).get()).isEqualTo("yes");
    }

    @Test
    @Order(13)
    @RunAsClient
    void stopTheRescuer() {
        deployer.undeploy("rescuer");
    }

    private void startSlowJob(String name, long workMillis) {
        String jobId = queue.enqueue(EnqueueRequest.<Long>builder(PLUGIN, "slow", "work")
                .payload(workMillis).systemWide().attempts(3).build()).jobId();
        queue.getRedis().<String>getBucket(key("job:" + name)).set(jobId);
        eventually().alias("the slow job started")
                .until(() -> jobId.equals(queue.getRedis().<String>getBucket(key("started")).get()));
        assertThat(queue.getJob(jobId).orElseThrow().state()).isEqualTo(JobState.ACTIVE);
    }

    private String jobIdOf(String name) {
        String jobId = queue.getRedis().<String>getBucket(key("job:" + name)).get();
        assertThat(jobId).as("job id left by an earlier step").isNotNull();
        return jobId;
    }

    private long calls(String jobId) {
        return queue.getRedis().getAtomicLong(key("calls:" + jobId)).get();
    }

    private String key(String name) {
        return queue.pluginKey(PLUGIN, name);
    }
}
