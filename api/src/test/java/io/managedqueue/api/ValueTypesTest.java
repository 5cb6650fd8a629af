package io.managedqueue.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void fixedBackoffWaitsTheSameEveryTime() {
        Backoff backoff = Backoff.fixed(Duration.ofSeconds(5));
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delayAfter(7)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void exponentialBackoffDoublesAndIsCapped() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(100));
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.delayAfter(1_000)).isEqualTo(Backoff.MAX_DELAY);
    }

    @Test
    void jitterDrawsWithinTheRange() {
        Backoff backoff = Backoff.fixed(Duration.ofMillis(1000)).withJitter(0.5);
        assertThat(backoff.delayAfter(1, 0.0)).isEqualTo(Duration.ofMillis(1000));
        assertThat(backoff.delayAfter(1, 0.999)).isBetween(Duration.ofMillis(500), Duration.ofMillis(501));
        assertThatThrownBy(() -> backoff.withJitter(1.5)).hasMessageContaining("jitter");
        assertThatThrownBy(() -> Backoff.fixed(Duration.ofMillis(-1))).hasMessageContaining("backoff.delay");
    }

    @Test
    void retentionBounds() {
        assertThat(Retention.none().keepsNothing()).isTrue();
        assertThat(Retention.keepAll().maxAge()).isEmpty();
        assertThat(Retention.keepAll().maxCount()).isEmpty();
        assertThat(Retention.ofCount(10).maxCount()).hasValue(10);
        assertThat(Retention.ofCount(10).keepsNothing()).isFalse();
        assertThat(Retention.of(Duration.ofDays(1), 5000)).isEqualTo(Retention.of(Duration.ofDays(1), 5000));
        assertThatThrownBy(() -> Retention.ofCount(-1)).hasMessageContaining("maxCount");
        assertThatThrownBy(() -> Retention.ofAge(Duration.ZERO)).hasMessageContaining("maxAge");
    }

    @Test
    void stateTransitionsFollowTheTable() {
        assertThat(JobState.WAITING.canTransitionTo(JobState.ACTIVE)).isTrue();
        assertThat(JobState.WAITING.canTransitionTo(JobState.CANCELLED)).isTrue();
        assertThat(JobState.ACTIVE.canTransitionTo(JobState.CANCELLED)).isFalse();
        assertThat(JobState.COMPLETED.isFinal()).isTrue();
        assertThat(JobState.DELAYED.isFinal()).isFalse();
        // an operator's retry is the only way out of a final failure
        assertThat(JobState.FAILED.canTransitionTo(JobState.WAITING)).isTrue();
        assertThat(JobState.CANCELLED.canTransitionTo(JobState.WAITING)).isTrue();
        assertThat(JobState.FAILED.isFinal()).isTrue();
        assertThat(JobState.COMPLETED.canTransitionTo(JobState.WAITING)).isFalse();
        // a delayed job always becomes WAITING before a worker claims it
        assertThat(JobState.DELAYED.canTransitionTo(JobState.ACTIVE)).isFalse();
    }

    @Test
    void requestBuilderAppliesDefaultsAndValidates() {
        EnqueueRequest<String> request = EnqueueRequest.<String>builder("@acme/p", "q", "j").tenantId("t").build();
        assertThat(request.delay()).isZero();
        assertThat(request.attempts()).isEmpty();
        assertThat(request.backoff()).isEmpty();
        assertThat(request.systemWide()).isFalse();
        assertThatThrownBy(() -> EnqueueRequest.builder("@acme/p", "q", "j").systemWide().tenantId("t").build())
                .hasMessageContaining("tenantId");
        assertThatThrownBy(() -> EnqueueRequest.builder("@acme/p", "q", "j").scopeKey(" ").build())
                .hasMessageContaining("scopeKey");
        assertThatThrownBy(() -> EnqueueRequest.builder("@acme/p", "q", "x".repeat(201)).build())
                .hasMessageContaining("jobName must be at most 200");
    }

    @Test
    void scopeRequiresATenantForAnOrganization() {
        assertThatThrownBy(() -> new JobScope(null, "org", null, null)).hasMessageContaining("organizationId");
        assertThat(JobScope.systemWide().isSystemWide()).isTrue();
        assertThat(JobScope.of("t", "o").attributes()).isEmpty();
    }
}
