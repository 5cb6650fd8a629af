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

    /** Holds repeated {@link PluginJobProcessor} annotations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        /** @return the repeated annotations */
        PluginJobProcessor[] value();
    }
}
