package io.managedqueue.extension.engine;

import java.lang.reflect.Type;

import jakarta.enterprise.inject.spi.Bean;

import io.managedqueue.api.JobAddress;

/**
 * One declared handler: the address, the bean that handles it, its payload type and its
 * declared concurrency. Immutable, collected at boot by the extension.
 *
 * @param address     the job address
 * @param bean        the handler bean
 * @param payloadType {@code T} of the bean's {@code PluginJobHandler<T>}
 * @param concurrency the annotation's concurrency (configuration may override it)
 */
public record HandlerDescriptor(JobAddress address, Bean<?> bean, Type payloadType, int concurrency) {

    /** @return the bean class name, for messages */
    public String beanClassName() {
        return bean.getBeanClass().getName();
    }
}
