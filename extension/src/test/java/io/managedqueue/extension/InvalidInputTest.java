package io.managedqueue.extension;

import static io.managedqueue.extension.Jobs.PLUGIN;
import static io.managedqueue.extension.Jobs.QUEUE;
import static io.managedqueue.extension.Jobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.ManagedQueueService;

/** Every bad input of DESIGN.md §4.7 is refused with an IllegalArgumentException naming the field, and nothing is written. */
class InvalidInputTest {

    /** JSON-B cannot serialise it: its only property throws. */
    public static class Unserialisable {
        public String getValue() {
            throw new IllegalStateException("no value");
        }
    }

    private final PlatformHarness harness = new PlatformHarness("invalid").with("managed-queue.payload.max-bytes", "100");
    private ManagedQueueService queue;
    private long keysBefore;

    @BeforeEach
    void start() {
        queue = harness.queue(harness.start());
        // one valid job first, so "nothing written" compares against a store that is in use
        queue.enqueue(aJob("warm-up").build());
        keysBefore = harness.keyCount();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "has space", "brace{", "pipe|x"})
    void illegalNamesAreRefused(String name) {
        assertRefused(() -> EnqueueRequest.builder(name, QUEUE, "job").tenantId("t1").build(), "pluginName");
        assertRefused(() -> EnqueueRequest.builder(PLUGIN, name, "job").tenantId("t1").build(), "queueName");
        assertRefused(() -> EnqueueRequest.builder(PLUGIN, QUEUE, name).tenantId("t1").build(), "jobName");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "x|y", "{tag}", "tab\there"})
    void illegalJobIdsAreRefused(String jobId) {
        assertRefused(() -> aJob("job").jobId(jobId).build(), "jobId");
    }

    @Test
    void attemptsBelowOneAreRefused() {
        assertRefused(() -> aJob("job").attempts(0).build(), "attempts");
    }

    @Test
    void negativeOrOverlongDelayIsRefused() {
        assertRefused(() -> aJob("job").delay(Duration.ofMillis(-1)).build(), "delay");
        assertRefused(() -> aJob("job").delay(Duration.ofDays(3651)).build(), "delay");
        assertRefused(() -> aJob("job").delay(Duration.ofSeconds(Long.MAX_VALUE)).build(), "delay");
    }

    @Test
    void illegalTenantIsRefused() {
        assertRefused(() -> aJob("job").tenantId("two words").build(), "tenantId");
    }

    @Test
    void payloadJsonbCannotSerialiseIsRefused() {
        EnqueueRequest<Unserialisable> request = Jobs.<Unserialisable>aJob("job").payload(new Unserialisable()).build();
        assertRefused(() -> queue.enqueue(request), "payload");
    }

    @Test
    void payloadOverTheSizeLimitIsRefused() {
        EnqueueRequest<String> request = Jobs.<String>aJob("job").payload("x".repeat(200)).build();
        assertThatThrownBy(() -> queue.enqueue(request))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload")
                .hasMessageContaining("managed-queue.payload.max-bytes");
        assertThat(harness.keyCount()).isEqualTo(keysBefore);
    }

    @Test
    void oneBadRequestRefusesTheWholeBulk() {
        List<EnqueueRequest<String>> requests = List.of(
                Jobs.<String>aJob("an-address-not-seen-before").payload("fine").build(),
                Jobs.<String>aJob("job").payload("y".repeat(500)).build());
        assertThatThrownBy(() -> queue.enqueueAll(requests))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requests[1]")
                .hasMessageContaining("payload");
        assertThat(harness.keyCount()).isEqualTo(keysBefore);
    }

    @Test
    void malformedJobIdsAreRefusedOnReadAndCancel() {
        assertRefused(() -> queue.getJob("not-a-job-id"), "jobId");
        assertRefused(() -> queue.cancel("a|b"), "jobId");
    }

    private void assertRefused(Runnable action, String field) {
        assertThatThrownBy(action::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(field);
        assertThat(harness.keyCount()).as("keys after a refused request").isEqualTo(keysBefore);
    }
}
