package io.managedqueue.sample.admin;

import static io.managedqueue.sample.admin.AdminClient.PLUGIN;
import static io.managedqueue.sample.admin.AdminClient.QUEUE;
import static io.managedqueue.sample.admin.AdminClient.awaitState;
import static io.managedqueue.sample.admin.AdminClient.delete;
import static io.managedqueue.sample.admin.AdminClient.encode;
import static io.managedqueue.sample.admin.AdminClient.get;
import static io.managedqueue.sample.admin.AdminClient.jobAction;
import static io.managedqueue.sample.admin.AdminClient.jobPath;
import static io.managedqueue.sample.admin.AdminClient.notification;
import static io.managedqueue.sample.admin.AdminClient.post;
import static io.managedqueue.sample.admin.AdminClient.postWithoutCsrf;
import static io.managedqueue.sample.admin.AdminClient.queueAction;
import static io.managedqueue.sample.admin.AdminClient.queueParams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.managedqueue.sample.admin.AdminClient.Reply;
import io.managedqueue.sample.admin.AdminClient.User;

/**
 * The admin REST API on the sample's Liberty server: every endpoint, and every status code for
 * each kind of caller (operator, viewer, tenant user, anonymous).
 */
class AdminApiIT {

    private static String acmeFailed;
    private static String acmeDelayed;
    private static String globexDelayed;

    @BeforeAll
    static void jobsOfTwoTenants() {
        AdminClient.awaitServer();
        acmeFailed = notification("acme", 0, 100);
        acmeDelayed = notification("acme", 600, 0);
        globexDelayed = notification("globex", 600, 0);
        awaitState(acmeFailed, "FAILED");
    }

    // ---- authentication and the guard ---------------------------------------------------------

    @Test
    void anonymousCallersAreAskedToAuthenticate() {
        for (String path : List.of("queues", "jobs/" + jobPath(acmeFailed), "workers", "me", "/managed-queue/")) {
            Reply reply = get(User.ANONYMOUS, path);
            assertThat(reply.status()).as(path).isEqualTo(401);
        }
        assertThat(post(User.ANONYMOUS, "jobs/retry", jobAction(acmeFailed)).status()).isEqualTo(401);
    }

    @Test
    void mutationsWithoutTheCsrfHeaderAreForbidden() {
        Reply retry = postWithoutCsrf(User.OPERATOR, "jobs/retry", jobAction(acmeFailed));
        assertThat(retry.status()).isEqualTo(403);
        assertThat(retry.field()).isEqualTo("X-Managed-Queue-CSRF");
        assertThat(delete(User.OPERATOR, "jobs/" + jobPath(acmeDelayed), false).status()).isEqualTo(403);
        assertThat(get(User.OPERATOR, "jobs/" + jobPath(acmeDelayed)).json().getString("state")).isEqualTo("DELAYED");
    }

    @Test
    void mutationsWithoutABodyAreBadRequests() {
        Reply reply = post(User.OPERATOR, "jobs/retry", "null");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field()).isEqualTo("body");
        Reply noId = post(User.OPERATOR, "jobs/retry", "{}");
        assertThat(noId.status()).isEqualTo(400);
        assertThat(noId.field()).isEqualTo("jobId");
    }

    @Test
    void meNamesTheKindOfCaller() {
        assertThat(get(User.OPERATOR, "me").json().getString("access")).isEqualTo("OPERATOR");
        assertThat(get(User.VIEWER, "me").json().getBoolean("mayChangeJobs")).isFalse();
        JsonObject acme = get(User.ACME, "me").json();
        assertThat(acme.getString("access")).isEqualTo("TENANT_USER");
        assertThat(acme.getString("tenant")).as("from the authenticated user").isEqualTo("acme");
        assertThat(acme.getBoolean("mayChangeQueues")).isFalse();
    }

    // ---- queues -------------------------------------------------------------------------------

    @Test
    void queuesShowEveryTenantToOperatorsAndViewersAndOwnCountsToTenantUsers() {
        for (User user : List.of(User.OPERATOR, User.VIEWER)) {
            JsonObject queue = notificationsQueue(get(user, "queues"));
            assertThat(queue.getJsonObject("counts").getInt("FAILED")).as(user.name).isGreaterThanOrEqualTo(1);
            assertThat(queue.getJsonObject("counts").getInt("DELAYED")).as("acme's and globex's").isGreaterThanOrEqualTo(2);
            assertThat(queue.getInt("liveWorkers")).isEqualTo(1);
            assertThat(queue.getBoolean("noWorker")).isFalse();
            assertThat(queue.getJsonObject("throughput").getInt("failedLastHour")).isGreaterThanOrEqualTo(1);
        }
        assertThat(notificationsQueue(get(User.ACME, "queues")).getJsonObject("counts").getInt("FAILED")).isGreaterThanOrEqualTo(1);
        assertThat(notificationsQueue(get(User.GLOBEX, "queues")).getJsonObject("counts").getInt("FAILED"))
                .as("globex has no failed job; acme's are not counted").isZero();
    }

    @Test
    void operatorsFilterQueuesByTenant() {
        JsonObject globexOnly = notificationsQueue(get(User.OPERATOR, "queues?tenant=globex"));
        assertThat(globexOnly.getJsonObject("counts").getInt("FAILED")).isZero();
        assertThat(globexOnly.getJsonObject("counts").getInt("DELAYED")).isGreaterThanOrEqualTo(1);
        // a tenant user cannot widen or move its scope with the parameter
        assertThat(get(User.GLOBEX, "queues?tenant=acme").status()).isEqualTo(403);
    }

    @Test
    void oneQueue() {
        Reply reply = get(User.VIEWER, "queue?" + queueParams());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getString("plugin")).isEqualTo(PLUGIN);
        assertThat(reply.json().getJsonArray("jobNames").getString(0)).isEqualTo("send");

        Reply missing = get(User.OPERATOR, "queue?plugin=" + encode(PLUGIN));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.field()).isEqualTo("queue");
        assertThat(get(User.OPERATOR, "queue?plugin=" + encode(PLUGIN) + "&queue=no.such.queue").status()).isEqualTo(404);
    }

    // ---- jobs ---------------------------------------------------------------------------------

    @Test
    void jobsByStateFollowTheCallersTenant() {
        assertThat(failedIds(User.OPERATOR)).contains(acmeFailed);
        assertThat(failedIds(User.VIEWER)).contains(acmeFailed);
        assertThat(failedIds(User.ACME)).contains(acmeFailed);
        assertThat(failedIds(User.GLOBEX)).doesNotContain(acmeFailed);
    }

    @Test
    void jobsArePagedByCursor() {
        String first = "jobs?" + queueParams() + "&state=DELAYED&limit=1";
        JsonObject page = get(User.OPERATOR, first).json();
        assertThat(page.getJsonArray("jobs")).hasSize(1);
        String cursor = page.getString("nextCursor");
        JsonObject next = get(User.OPERATOR, first + "&cursor=" + encode(cursor)).json();
        assertThat(next.getJsonArray("jobs")).hasSize(1);
        assertThat(next.getJsonArray("jobs").getJsonObject(0).getString("id"))
                .isNotEqualTo(page.getJsonArray("jobs").getJsonObject(0).getString("id"));
    }

    @Test
    void badJobQueriesNameTheirField() {
        Reply badLimit = get(User.OPERATOR, "jobs?" + queueParams() + "&limit=0");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.field()).isEqualTo("limit");
        Reply badState = get(User.OPERATOR, "jobs?" + queueParams() + "&state=BOGUS");
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.field()).isEqualTo("state");
        Reply noPlugin = get(User.OPERATOR, "jobs?queue=" + QUEUE);
        assertThat(noPlugin.status()).isEqualTo(400);
        assertThat(noPlugin.field()).isEqualTo("plugin");
    }

    @Test
    void oneJobWithItsLogAndWithoutItsPayload() {
        Reply reply = get(User.OPERATOR, "jobs/" + jobPath(acmeFailed));
        assertThat(reply.status()).isEqualTo(200);
        JsonObject job = reply.json();
        assertThat(job.getString("lastError")).contains("simulated failure");
        assertThat(job.getJsonArray("logLines").getString(0)).as("the handler's job.log(...)").contains("delivering via");
        assertThat(job.getInt("progress")).as("its last attempt failed half-way").isEqualTo(50);
        assertThat(job.containsKey("payload")).as("managed-queue.admin.show-payloads is false").isFalse();

        assertThat(get(User.ACME, "jobs/" + jobPath(acmeDelayed)).status()).isEqualTo(200);
        assertThat(get(User.GLOBEX, "jobs/" + jobPath(acmeDelayed)).status()).as("another tenant's job").isEqualTo(404);
        assertThat(get(User.OPERATOR, "jobs/" + jobPath(PLUGIN + "|" + QUEUE + "|acme|no-such-job")).status()).isEqualTo(404);
    }

    @Test
    void theSamplesDemoJobFailsForGood() {
        JsonObject demo = awaitState(PLUGIN + "|" + QUEUE + "|acme|notification-" + DemoFailedJob.NOTIFICATION_ID, "FAILED");
        assertThat(demo.getInt("attemptsMade")).isEqualTo(demo.getInt("maxAttempts"));
    }

    @Test
    void retryByRole() {
        String failed = notification("acme", 0, 100);
        awaitState(failed, "FAILED");
        assertThat(post(User.VIEWER, "jobs/retry", jobAction(failed)).status()).isEqualTo(403);
        assertThat(post(User.GLOBEX, "jobs/retry", jobAction(failed)).status()).as("another tenant's job").isEqualTo(404);
        assertThat(post(User.ACME, "jobs/retry", jobAction(failed)).status()).as("its own tenant's job").isEqualTo(200);
        assertThat(post(User.OPERATOR, "jobs/retry", jobAction(acmeDelayed)).status()).as("DELAYED").isEqualTo(409);
        assertThat(post(User.OPERATOR, "jobs/retry", jobAction(PLUGIN + "|" + QUEUE + "|acme|nothing")).status()).isEqualTo(404);
    }

    @Test
    void promoteByRole() {
        String delayed = notification("acme", 600, 0);
        assertThat(post(User.VIEWER, "jobs/promote", jobAction(delayed)).status()).isEqualTo(403);
        assertThat(post(User.GLOBEX, "jobs/promote", jobAction(delayed)).status()).isEqualTo(404);
        assertThat(post(User.OPERATOR, "jobs/promote", jobAction(acmeFailed)).status()).as("FAILED").isEqualTo(409);
        assertThat(post(User.ACME, "jobs/promote", jobAction(delayed)).status()).isEqualTo(200);
        awaitState(delayed, "COMPLETED");
    }

    @Test
    void cancelByRole() {
        String delayed = notification("globex", 600, 0);
        String path = "jobs/" + jobPath(delayed);
        assertThat(delete(User.VIEWER, path, true).status()).isEqualTo(403);
        assertThat(delete(User.ACME, path, true).status()).as("another tenant's job").isEqualTo(404);
        assertThat(delete(User.GLOBEX, path, true).status()).isEqualTo(200);
        assertThat(delete(User.OPERATOR, path, true).status()).as("already cancelled").isEqualTo(409);
        assertThat(get(User.GLOBEX, path).json().getString("state")).isEqualTo("CANCELLED");
    }

    // ---- queue-wide operations: operators only ---------------------------------------------

    @Test
    void pauseAndResumeByRole() {
        for (User user : List.of(User.VIEWER, User.ACME)) {
            assertThat(post(user, "queue/pause", queueAction()).status()).as(user.name).isEqualTo(403);
        }
        assertThat(postWithoutCsrf(User.OPERATOR, "queue/pause", queueAction()).status()).isEqualTo(403);
        try {
            Reply paused = post(User.OPERATOR, "queue/pause", queueAction());
            assertThat(paused.status()).isEqualTo(200);
            assertThat(paused.json().getBoolean("changed")).isTrue();
            assertThat(get(User.OPERATOR, "queue?" + queueParams()).json().getBoolean("paused")).isTrue();
        } finally {
            Reply resumed = post(User.OPERATOR, "queue/resume", queueAction());
            assertThat(resumed.status()).isEqualTo(200);
        }
        assertThat(get(User.OPERATOR, "queue?" + queueParams()).json().getBoolean("paused")).isFalse();
        assertAudited("admin PAUSE on {" + PLUGIN + ", " + QUEUE + "}, 0 job(s), by operator");
        Reply unknown = post(User.OPERATOR, "queue/pause", "{\"plugin\":\"" + PLUGIN + "\",\"queue\":\"no.such.queue\"}");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void retryAllByRole() {
        // CANCELLED only: the browser test keeps its own failed job for the dashboard's retry
        String cancelled = "{\"plugin\":\"" + PLUGIN + "\",\"queue\":\"" + QUEUE + "\",\"state\":\"CANCELLED\",\"limit\":10}";
        assertThat(post(User.VIEWER, "queue/retry-all", cancelled).status()).isEqualTo(403);
        assertThat(post(User.ACME, "queue/retry-all", cancelled).status()).isEqualTo(403);
        Reply ok = post(User.OPERATOR, "queue/retry-all", cancelled);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().getInt("count")).isGreaterThanOrEqualTo(0);

        Reply badState = post(User.OPERATOR, "queue/retry-all", cancelled.replace("CANCELLED", "COMPLETED"));
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.field()).isEqualTo("state");
        Reply badLimit = post(User.OPERATOR, "queue/retry-all", cancelled.replace("10", "0"));
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.field()).isEqualTo("limit");
    }

    @Test
    void cleanByRole() {
        String old = "{\"plugin\":\"" + PLUGIN + "\",\"queue\":\"" + QUEUE + "\",\"state\":\"COMPLETED\",\"olderThanSeconds\":86400}";
        assertThat(post(User.VIEWER, "queue/clean", old).status()).isEqualTo(403);
        assertThat(post(User.GLOBEX, "queue/clean", old).status()).isEqualTo(403);
        Reply ok = post(User.OPERATOR, "queue/clean", old);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().getInt("count")).as("nothing finished a day ago").isZero();
        Reply waiting = post(User.OPERATOR, "queue/clean", old.replace("COMPLETED", "WAITING"));
        assertThat(waiting.status()).isEqualTo(400);
        assertThat(waiting.field()).isEqualTo("state");
    }

    // ---- workers and the page ---------------------------------------------------------------

    @Test
    void workersForOperatorsAndViewersOnly() {
        for (User user : List.of(User.OPERATOR, User.VIEWER)) {
            Reply reply = get(user, "workers");
            assertThat(reply.status()).isEqualTo(200);
            JsonObject worker = reply.jsonArray().getJsonObject(0);
            assertThat(worker.getJsonNumber("heartbeatAgeMillis").longValue()).isBetween(0L, 60_000L);
            assertThat(worker.getJsonArray("addresses")).isNotEmpty();
        }
        assertThat(get(User.ACME, "workers").status()).isEqualTo(403);
    }

    @Test
    void theDashboardIsServedFromTheJar() {
        Reply page = get(User.VIEWER, "/managed-queue/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Managed Queues</title>");
        assertThat(get(User.VIEWER, "/managed-queue/dashboard.js").status()).isEqualTo(200);
        assertThat(get(User.VIEWER, "/managed-queue/dashboard.css").status()).isEqualTo(200);
    }

    @Test
    void theAdminApiIsNotAlsoMountedUnderTheSamplesApi() {
        assertThat(get(User.OPERATOR, "/api/queues").status()).isEqualTo(404);
    }

    private static JsonObject notificationsQueue(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.jsonArray().stream().map(JsonValue::asJsonObject)
                .filter(q -> q.getString("plugin").equals(PLUGIN) && q.getString("queue").equals(QUEUE))
                .findFirst().orElseThrow();
    }

    private static List<String> failedIds(User user) {
        Reply reply = get(user, "jobs?" + queueParams() + "&state=FAILED&limit=100");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().getJsonArray("jobs").stream().map(j -> j.asJsonObject().getString("id")).toList();
    }

    /** The platform logs every admin mutation with the caller's principal (AdminActionEvent carries the same). */
    private static void assertAudited(String line) {
        String log = System.getProperty("sample.serverLog");
        assumeTrue(log != null && Files.exists(Path.of(log)), "needs the messages.log of the server this build started");
        await("the audit line in messages.log").atMost(Duration.ofSeconds(10)).until(() -> Files.readString(Path.of(log)).contains(line));
    }
}
