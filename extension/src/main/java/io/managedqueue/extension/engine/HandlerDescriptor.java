package io.managedqueue.extension.engine;

import java.lang.reflect.Type;

import io.managedqueue.api.JobAddress;
import io.managedqueue.extension.config.RateLimitPolicy;

/**
 * One declared handler: the address, the bean that handles it, its payload type and its
 * declared concurrency. Immutable, collected at boot by the extension.
 *
 * @param address     the job address
 * @param bean        the container's handle on the handler bean
 * @param payloadType {@code T} of the bean's {@code PluginJobHandler<T>}
 * @param concurrency the annotation's concurrency (configuration may override it)
 * @param rateLimit    the queue's declared rate limit (configuration may override it)
 * @param keyRateLimit the queue's declared per-key rate limit (configuration may override it)
 */
public record HandlerDescriptor(JobAddress address, HandlerBean bean, Type payloadType, int concurrency,
        RateLimitPolicy rateLimit, RateLimitPolicy keyRateLimit) {

    /** A handler without rate limits. */
    public HandlerDescriptor(JobAddress address, HandlerBean bean, Type payloadType, int concurrency) {
        this(address, bean, payloadType, concurrency, RateLimitPolicy.NONE, RateLimitPolicy.NONE);
    }

    /** @return the bean class name, for messages */
    public String beanClassName() {
        return bean.beanClass().getName();
    }
}
