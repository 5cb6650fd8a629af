package io.managedqueue.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the CDI bean it annotates as the handler of one job address. Repeatable: one bean
 * may handle several addresses (use {@link ManagedQueueJob#name()} to tell them apart).
 *
 * <p>The bean must implement {@link PluginJobHandler}; each address may have only one handler
 * bean in the application. Violations fail deployment with a
 * {@code jakarta.enterprise.inject.spi.DefinitionException} naming the bean and the address.
 *
 * <pre>{@code
 * @PluginJobProcessor(pluginName = "@acme/plugin-wechat", queueName = "wechat.inbound", jobName = "flush", concurrency = 4)
 * @ApplicationScoped
 * public class WechatFlushHandler implements PluginJobHandler<FlushRequest> { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(PluginJobProcessor.List.class)
public @interface PluginJobProcessor {

    /** @return the owning plugin; see {@link JobAddress} for the naming rules */
    String pluginName();

    /** @return the logical queue */
    String queueName();

    /** @return the job kind */
    String jobName();

    /**
     * How many jobs of this address may run at once <em>in this process</em>; {@code >= 1},
     * default 1. Overridden by the configuration key
     * {@code managed-queue.concurrency.<pluginName>/<queueName>/<jobName>}, for example
     * {@code managed-queue.concurrency.@acme/plugin-wechat/wechat.inbound/flush=8}.
     *
     * @return the concurrency
     */
    int concurrency() default 1;

    /**
     * The rate limit of this handler's whole logical queue ({@code pluginName}, {@code queueName}),
     * enforced across all processes: every job of the queue counts. Default: none. Handlers of
     * one queue that declare a limit must declare the same one (else deployment fails). Overridden
     * by {@code managed-queue.rate-limit.<pluginName>/<queueName>=<max>/<duration>}, e.g.
     * {@code 50/PT1S} ({@code 0/PT1S} turns it off).
     *
     * @return the queue's limit
     */
    RateLimit rateLimit() default @RateLimit;

    /**
     * The rate limit of each {@link EnqueueRequest.Builder#rateLimitKey(String) rate-limit key}
     * in this handler's logical queue, enforced across all processes; jobs without a key are not
     * counted. A job whose key is at its limit waits aside without holding back jobs of other
     * keys. Default: none. Overridden by {@code managed-queue.key-rate-limit.<pluginName>/<queueName>}.
     *
     * @return the per-key limit
     */
    RateLimit keyRateLimit() default @RateLimit;

    /** Holds repeated {@link PluginJobProcessor} annotations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        /** @return the repeated annotations */
        PluginJobProcessor[] value();
    }
}
