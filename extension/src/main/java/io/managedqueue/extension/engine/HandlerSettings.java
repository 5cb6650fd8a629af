package io.managedqueue.extension.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.managedqueue.extension.config.QueueConfig;
import io.managedqueue.extension.config.RateLimitPolicy;
import io.managedqueue.extension.redis.QueueName;

/**
 * What a handler runs with once configuration has spoken: resolved once at boot, so no worker
 * asks the configuration again and every handler of one queue sees the same limits.
 *
 * @param handler     the declaration
 * @param concurrency {@code managed-queue.concurrency.<plugin>/<queue>/<job>}, else the annotation's
 * @param queueLimit  {@code managed-queue.rate-limit.<plugin>/<queue>}, else the one some handler of the queue declares
 * @param keyLimit    {@code managed-queue.key-rate-limit.<plugin>/<queue>}, else the declared one
 */
public record HandlerSettings(HandlerDescriptor handler, int concurrency, RateLimitPolicy queueLimit,
                              RateLimitPolicy keyLimit) {

    /**
     * @param handlers every valid declaration (the extension checked that one queue's declared limits agree)
     * @param config   the configuration
     * @return each handler's settings, in the order given
     * @throws IllegalArgumentException naming the configuration key of an unreadable override
     */
    public static List<HandlerSettings> resolve(List<HandlerDescriptor> handlers, QueueConfig config) {
        Map<QueueName, RateLimitPolicy> declaredQueue = declaredPerQueue(handlers, HandlerDescriptor::rateLimit);
        Map<QueueName, RateLimitPolicy> declaredKey = declaredPerQueue(handlers, HandlerDescriptor::keyRateLimit);
        List<HandlerSettings> settings = new ArrayList<>(handlers.size());
        for (HandlerDescriptor h : handlers) {
            QueueName queue = QueueName.of(h.address());
            settings.add(new HandlerSettings(h, config.concurrencyOverride(h.address()).orElse(h.concurrency()),
                    config.rateLimitOverride(queue.pluginName(), queue.queueName()).orElse(declaredQueue.get(queue)),
                    config.keyRateLimitOverride(queue.pluginName(), queue.queueName()).orElse(declaredKey.get(queue))));
        }
        return settings;
    }

    /** @return per queue, the limit some handler of it declares, or {@link RateLimitPolicy#NONE} */
    private static Map<QueueName, RateLimitPolicy> declaredPerQueue(List<HandlerDescriptor> handlers,
            Function<HandlerDescriptor, RateLimitPolicy> limit) {
        Map<QueueName, RateLimitPolicy> perQueue = new LinkedHashMap<>();
        for (HandlerDescriptor h : handlers) {
            RateLimitPolicy declared = limit.apply(h);
            perQueue.merge(QueueName.of(h.address()), declared, (seen, next) -> seen.isLimited() ? seen : next);
        }
        return perQueue;
    }
}
