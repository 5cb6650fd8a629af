package io.managedqueue.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notifications plugin's business records on the sample server: the POST inserts the message
 * log row and enqueues in one transaction, the handler updates the row per attempt, and a request
 * refused after its enqueue leaves neither row nor job. Bad bodies are a 400 in JSON.
 */
class NotificationLogIT {

    private static final double FACTOR = Double.parseDouble(System.getProperty("managed-queue.test.timeout-factor", "1"));
    private final SampleHttp acme = new SampleHttp("acme");

    @BeforeAll
    static void serverIsReady() {
        await().atMost(seconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> new SampleHttp("acme").get("/health/ready").status() == 200);
    }

    @Test
    void theRowAndItsJobAreCommittedTogetherAndTheHandlerUpdatesTheRowPerAttempt() {
        String id = "log-" + UUID.randomUUID();
        SampleHttp.Answer accepted = acme.post("/api/notifications", "{\"notificationId\":\"" + id
                + "\",\"integrationId\":\"sms-log\",\"recipient\":\"+15550100\",\"message\":\"hi\",\"providerFailures\":1}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String jobId = accepted.json().getString("jobId");

        JsonObject sent = await().atMost(seconds(20)).until(() -> acme.get("/api/notifications/" + id).json(),
                view -> view.getString("status").equals("SENT"));
        assertThat(sent.getString("jobId")).as("the row stored the job id").isEqualTo(jobId);
        assertThat(sent.getInt("attempts")).as("one refused delivery, then success").isEqualTo(2);
        assertThat(sent.getString("lastError")).contains("simulated failure 1 of 1");
        JsonObject job = await().atMost(seconds(10)).until(() -> acme.get("/api/notifications/" + id).json().getJsonObject("job"),
                j -> j.getString("state").equals("COMPLETED"));
        assertThat(job.getString("id")).isEqualTo(jobId);
        assertThat(job.getInt("attemptsMade")).isEqualTo(2);
    }

    @Test
    void aRequestRefusedAfterItsEnqueueRollsBackTheRowAndTheJob() {
        String id = "opted-out-" + UUID.randomUUID();
        SampleHttp.Answer refused = acme.post("/api/notifications", "{\"notificationId\":\"" + id
                + "\",\"integrationId\":\"sms-log\",\"recipient\":\"+15550123\",\"message\":\"hi\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getString("error")).contains("opted out");

        assertThat(acme.get("/api/notifications/" + id).status()).isEqualTo(404);
        String jobPath = "/api/jobs/@acme/notifications%7Cnotifications.outbound%7Cacme%7Cnotification-" + id;
        assertThat(acme.get(jobPath).status()).as("no job either").isEqualTo(404);
    }

    @Test
    void anotherTenantDoesNotSeeTheRow() {
        String id = "mine-" + UUID.randomUUID();
        acme.post("/api/notifications", "{\"notificationId\":\"" + id + "\",\"integrationId\":\"sms-log\",\"recipient\":\"+15550100\"}");
        assertThat(new SampleHttp("globex").get("/api/notifications/" + id).status()).isEqualTo(404);
    }

    @Test
    void aMalformedBodyOrAWrongTypeIsA400InJsonNamingTheProblem() {
        SampleHttp.Answer malformed = acme.post("/api/notifications", "{\"integrationId\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().getString("error")).startsWith("malformed JSON body");

        SampleHttp.Answer wrongType = acme.post("/api/notifications",
                "{\"integrationId\":\"sms-1\",\"recipient\":\"+15550100\",\"delaySeconds\":\"soon\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().getString("error")).contains("delaySeconds");
    }

    private static Duration seconds(long s) {
        return Duration.ofMillis((long) (s * 1000 * FACTOR));
    }
}
