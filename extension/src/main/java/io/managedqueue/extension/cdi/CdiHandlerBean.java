package io.managedqueue.extension.cdi;

import jakarta.enterprise.inject.spi.Bean;

import io.managedqueue.extension.engine.HandlerBean;

/**
 * A handler's CDI bean, carried by the engine inside its {@code HandlerDescriptor} from discovery
 * ({@link ManagedQueueExtension}) to the call ({@link CdiJobRunner}).
 *
 * @param bean the handler bean
 */
record CdiHandlerBean(Bean<?> bean) implements HandlerBean {

    @Override
    public Class<?> beanClass() {
        return bean.getBeanClass();
    }
}
