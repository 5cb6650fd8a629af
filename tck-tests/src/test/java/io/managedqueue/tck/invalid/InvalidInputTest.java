package io.managedqueue.tck.invalid;

import static io.managedqueue.tck.support.Jobs.awaitCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.assertj.core.api.SoftAssertions;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.managedqueue.api.Backoff;
import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.api.Retention;
import io.managedqueue.tck.support.JobLog;
import io.managedqueue.tck.support.TckDeployment;

/**
 * Bad input is refused at enqueue with an {@code IllegalArgumentException} naming the field,
 * and nothing is written: enqueueing a valid request with the same custom id afterwards creates
 * a new job, and only the valid job reaches the handler.
 */
@ExtendWith(ArquillianExtension.class)
class InvalidInputTest {

    static final String PLUGIN = "@tck/invalid";
    static final int MAX_PAYLOAD_BYTES = 2048;

    @Deployment
    static Archive<?> deployment() {
        return TckDeployment.forTest(InvalidInputTest.class)
                .classes(ProbeHandler.class, Unserialisable.class)
                .config("managed-queue.payload.max-bytes", String.valueOf(MAX_PAYLOAD_BYTES))
                .build();
    }

    @Inject
    ManagedQueueService queue;

    @Inject
    JobLog log;

    @Test
    void illegalNamesIdsAttemptsAndDelaysAreRefusedNamingTheField() {
        String tooLongName = "n".repeat(201);
        String tooLongId = "i".repeat(257);
        SoftAssertions softly = new SoftAssertions();
        for (String bad : new String[] {null, "", "   ", "has space", "pipe|d", "{braced}", "tab\there", "é", tooLongName}) {
            refused(softly, "pluginName", () -> EnqueueRequest.builder(bad, "checked", "probe").tenantId("acme").build());
            refused(softly, "queueName", () -> EnqueueRequest.builder(PLUGIN, bad, "probe").tenantId("acme").build());
            refused(softly, "jobName", () -> EnqueueRequest.builder(PLUGIN, "checked", bad).tenantId("acme").build());
        }
        for (String bad : new String[] {"", " ", "has space", "pipe|d", "{braced}", "new\nline", "é", tooLongId}) {
            refused(softly, "jobId", () -> probe().jobId(bad).build());
            refused(softly, "tenantId", () -> EnqueueRequest.builder(PLUGIN, "checked", "probe").tenantId(bad).build());
        }
        refused(softly, "attempts", () -> probe().attempts(0).build());
        refused(softly, "attempts", () -> probe().attempts(-3).build());
        refused(softly, "delay", () -> probe().delay(Duration.ofMillis(-1)).build());
        refused(softly, "delay", () -> probe().delay(null).build());
        refused(softly, "tenantId", () -> probe().systemWide().build());
        refused(softly, "backoff", () -> Backoff.fixed(Duration.ofSeconds(-1)));
        refused(softly, "backoff", () -> Backoff.exponential(Duration.ofSeconds(1)).withJitter(1.5));
        refused(softly, "retention", () -> Retention.ofCount(-1));
        refused(softly, "retention", () -> Retention.ofAge(Duration.ZERO));
        softly.assertAll();
    }

    @Test
    void payloadJsonbCannotSerialiseIsRefusedAndNothingIsWritten() {
        assertThatThrownBy(() -> queue.enqueue(EnqueueRequest.<Object>builder(PLUGIN, "checked", "probe")
                .jobId("unserialisable-1").payload(new Unserialisable()).tenantId("acme").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload");

        assertNothingWasWrittenFor("unserialisable-1");
    }

    @Test
    void payloadOverTheSizeLimitIsRefusedAndNothingIsWritten() {
        assertThatThrownBy(() -> queue.enqueue(probe().jobId("oversized-1").payload(oversized()).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload");

        assertNothingWasWrittenFor("oversized-1");
    }

    @Test
    void asynchronousEnqueueRefusesBadInputOnTheCallingThread() {
        assertThatThrownBy(() -> queue.enqueueAsync(probe().jobId("oversized-async").payload(oversized()).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload");

        assertNothingWasWrittenFor("oversized-async");
    }

    @Test
    void oneBadRequestRefusesTheWholeBulkEnqueue() {
        List<EnqueueRequest<?>> batch = List.of(
                probe().jobId("batch-0").payload("valid").build(),
                probe().jobId("batch-1").payload(oversized()).build(),
                probe().jobId("batch-2").payload("valid").build());

        assertThatThrownBy(() -> queue.enqueueAll(batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload")
                .hasMessageMatching("(?s).*\\b1\\b.*");

        assertNothingWasWrittenFor("batch-0");
        assertNothingWasWrittenFor("batch-2");
    }

    /** A valid request with the same custom id creates a new job: the refused one left nothing behind. */
    private void assertNothingWasWrittenFor(String customId) {
        String marker = "valid-after-" + customId;
        EnqueueResult retry = queue.enqueue(probe().jobId(customId).payload(marker).build());

        assertThat(retry.created()).as("no job with id %s existed", customId).isTrue();
        assertThat(awaitCalls(log, retry.jobId(), 1).get(0).data()).isEqualTo(marker);
        assertThat(log.callsFor(retry.jobId())).hasSize(1);
    }

    private static EnqueueRequest.Builder<String> probe() {
        return EnqueueRequest.<String>builder(PLUGIN, "checked", "probe").tenantId("acme");
    }

    private static String oversized() {
        return "x".repeat(MAX_PAYLOAD_BYTES + 1);
    }

    private static void refused(SoftAssertions softly, String field, Supplier<?> build) {
        softly.assertThatThrownBy(build::get)
                .as("refused, naming %s", field)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(field);
    }
}
