package io.managedqueue.extension.cdi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.spi.TenantScopeBridge;
import io.managedqueue.extension.engine.HandlerDescriptor;
import io.managedqueue.extension.engine.JobExecution;
import io.managedqueue.extension.engine.JobRunner;

/**
 * Calls a handler inside a request context of the job's own: activated fresh, the tenant
 * restored into {@code TenantContext} and the application's bridge, then torn down so nothing
 * leaks into the next job on the thread. The handler is called through its contextual
 * reference, so its interceptors (Fault Tolerance and others) apply.
 *
 * <p>Each worker thread keeps one {@link RequestContextController} and only activates and
 * deactivates it per job: building a controller resolves observer methods (Weld's constructor
 * looks up three events), which was a third of the handler threads' time. A controller is not
 * shareable between threads (it remembers whether it was the activator), so it is per thread,
 * never per runner. It is created with a creational context of its own, not through an
 * {@code Instance}, so nothing but the thread holds it: it goes when the thread goes.
 */
@ApplicationScoped
public class CdiJobRunner implements JobRunner {

    private static final Logger LOG = Logger.getLogger(CdiJobRunner.class.getName());

    @Inject
    BeanManager beanManager;
    @Inject
    TenantContextImpl tenantContext;
    @Inject
    Instance<TenantScopeBridge> bridge;

    private final Map<Bean<?>, PluginJobHandler<Object>> normalScopedHandlers = new ConcurrentHashMap<>();
    /** The calling thread's controller; an instance field, so an undeployed application's runner frees its entries. */
    private final ThreadLocal<RequestContextController> threadController = new ThreadLocal<>();
    private Bean<RequestContextController> controllerBean;

    @PostConstruct
    void resolveControllerBean() {
        @SuppressWarnings("unchecked")
        Bean<RequestContextController> bean = (Bean<RequestContextController>) beanManager.resolve(
                beanManager.getBeans(RequestContextController.class));
        controllerBean = bean;
    }

    @Override
    public void run(HandlerDescriptor handler, JobExecution<?> job) throws Exception {
        RequestContextController controller = threadController.get();
        if (controller == null) {
            controller = (RequestContextController) beanManager.getReference(controllerBean, RequestContextController.class,
                    beanManager.createCreationalContext(controllerBean));
            threadController.set(controller);
        }
        boolean activated = controller.activate();
        if (!activated) {
            LOG.warning("Managed queue: a request context was already active on " + Thread.currentThread().getName()
                    + " when " + job + " started; the job shares it");
        }
        CreationalContext<?> dependentContext = null;
        try {
            tenantContext.set(job.scope());
            if (bridge.isResolvable()) {
                bridge.get().restore(job.scope());
            }
            Bean<?> bean = ((CdiHandlerBean) handler.bean()).bean(); // ManagedQueueExtension made every descriptor
            PluginJobHandler<Object> target;
            if (bean.getScope() == Dependent.class) {
                dependentContext = beanManager.createCreationalContext(bean);
                target = reference(bean, dependentContext);
            } else {
                target = normalScopedHandlers.computeIfAbsent(bean,
                        key -> reference(key, beanManager.createCreationalContext(key)));
            }
            @SuppressWarnings("unchecked")
            JobExecution<Object> typed = (JobExecution<Object>) job;
            target.handle(typed);
        } finally {
            if (dependentContext != null) {
                dependentContext.release();
            }
            if (activated) {
                try {
                    controller.deactivate();
                } catch (RuntimeException | Error e) {
                    threadController.remove(); // its state is unknown now: the next job on this thread gets a new one
                    throw e;
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private PluginJobHandler<Object> reference(Bean<?> bean, CreationalContext<?> context) {
        // the bean class is always a bean type; the raw PluginJobHandler is not (only PluginJobHandler<T> is)
        return (PluginJobHandler<Object>) beanManager.getReference(bean, bean.getBeanClass(), context);
    }
}
