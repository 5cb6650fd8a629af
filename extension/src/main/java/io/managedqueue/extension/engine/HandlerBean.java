package io.managedqueue.extension.engine;

/**
 * The container's handle on the bean behind a handler. The engine never looks inside: it hands
 * the handle back to the {@link JobRunner} that made it, which knows its real type (a CDI
 * {@code Bean} in the container), so the engine stays free of container types.
 */
public interface HandlerBean {

    /** @return the bean class, for messages */
    Class<?> beanClass();
}
