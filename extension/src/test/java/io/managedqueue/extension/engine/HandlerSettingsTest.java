package io.managedqueue.extension.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import io.managedqueue.api.JobAddress;
import io.managedqueue.extension.config.QueueConfig;
import io.managedqueue.extension.config.RateLimitPolicy;

class HandlerSettingsTest {

    private static final RateLimitPolicy TEN_A_SECOND = new RateLimitPolicy(10, 1000);
    private static final JobAddress SEND = new JobAddress("@acme/p", "out", "send");
    private static final JobAddress FLUSH = new JobAddress("@acme/p", "out", "flush");
    private static final JobAddress OTHER_QUEUE = new JobAddress("@acme/p", "in", "read");

    @Test
    void aLimitDeclaredByOneHandlerHoldsForEveryHandlerOfItsQueueOnly() {
        List<HandlerSettings> settings = HandlerSettings.resolve(List.of(
                handler(SEND, 2, RateLimitPolicy.NONE), handler(FLUSH, 1, TEN_A_SECOND), handler(OTHER_QUEUE, 3, RateLimitPolicy.NONE)),
                config(Map.of()));

        assertThat(settings).extracting(HandlerSettings::queueLimit)
                .containsExactly(TEN_A_SECOND, TEN_A_SECOND, RateLimitPolicy.NONE);
        assertThat(settings).extracting(HandlerSettings::concurrency).containsExactly(2, 1, 3);
    }

    @Test
    void configurationWinsOverTheDeclarations() {
        List<HandlerSettings> settings = HandlerSettings.resolve(List.of(handler(SEND, 2, TEN_A_SECOND)), config(Map.of(
                "managed-queue.concurrency.@acme/p/out/send", "7",
                "managed-queue.rate-limit.@acme/p/out", "5/PT1M",
                "managed-queue.key-rate-limit.@acme/p/out", "1/PT1S")));

        HandlerSettings send = settings.get(0);
        assertThat(send.concurrency()).isEqualTo(7);
        assertThat(send.queueLimit()).isEqualTo(new RateLimitPolicy(5, 60_000));
        assertThat(send.keyLimit()).isEqualTo(new RateLimitPolicy(1, 1000));
    }

    private static HandlerDescriptor handler(JobAddress address, int concurrency, RateLimitPolicy queueLimit) {
        return new HandlerDescriptor(address, null, String.class, concurrency, queueLimit, RateLimitPolicy.NONE);
    }

    private static QueueConfig config(Map<String, String> properties) {
        return new QueueConfig(new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 500)).build());
    }
}
