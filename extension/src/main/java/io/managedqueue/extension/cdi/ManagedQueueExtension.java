package io.managedqueue.extension.cdi;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessManagedBean;

import io.managedqueue.api.JobAddress;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.RateLimit;
import io.managedqueue.api.Scheduled;
import io.managedqueue.extension.config.RateLimitPolicy;
import io.managedqueue.extension.engine.HandlerDescriptor;
import io.managedqueue.extension.events.CdiJobEvents;
import io.managedqueue.extension.health.ManagedQueueReadiness;
import io.managedqueue.extension.redis.QueueName;
import io.managedqueue.extension.schedule.DeclaredSchedule;
import io.managedqueue.extension.schedule.ScheduleDeclarations;
import io.managedqueue.extension.telemetry.OpenTelemetryBridge;

/**
 * The portable extension: registers the platform's beans, collects every
 * {@link PluginJobProcessor} bean, and fails deployment on a bad declaration with a
 * {@link DefinitionException} naming the bean class and the address.
 */
public class ManagedQueueExtension implements Extension {

    private final List<HandlerDescriptor> handlers = new ArrayList<>();
    private final List<DeclaredSchedule> schedules = new ArrayList<>();

    void registerInternalBeans(@Observes BeforeBeanDiscovery discovery, BeanManager beanManager) {
        List<Class<?>> beans = new ArrayList<>(List.of(QueueRuntime.class, TenantContextImpl.class, ScopeResolver.class,
                ManagedQueueServiceImpl.class, EnqueueEventObserver.class, CdiJobRunner.class, CdiJobEvents.class,
                EngineLifecycle.class, io.managedqueue.extension.admin.ManagedQueueAdminBean.class,
                io.managedqueue.extension.tx.TransactionSupport.class));
        if (classPresent("org.eclipse.microprofile.health.HealthCheck")) {
            beans.add(ManagedQueueReadiness.class); // only touched when MicroProfile Health can load it
        }
        if (classPresent("io.opentelemetry.api.OpenTelemetry")) {
            beans.add(OpenTelemetryBridge.class); // only touched when the OpenTelemetry API can load it
        }
        for (Class<?> bean : beans) {
            discovery.addAnnotatedType(beanManager.createAnnotatedType(bean), bean.getName());
        }
    }

    <T> void collectHandlers(@Observes ProcessManagedBean<T> event) {
        AnnotatedType<T> type = event.getAnnotatedBeanClass();
        Set<PluginJobProcessor> declarations = type.getAnnotations(PluginJobProcessor.class);
        Set<Scheduled> scheduled = type.getAnnotations(Scheduled.class);
        if (declarations.isEmpty() && scheduled.isEmpty()) {
            return;
        }
        Bean<T> bean = event.getBean();
        List<JobAddress> addresses = new ArrayList<>();
        Optional<Type> payloadType = payloadType(bean.getTypes());
        for (PluginJobProcessor declaration : declarations) {
            String where = bean.getBeanClass().getName() + " declared as handler of {" + declaration.pluginName() + ", "
                    + declaration.queueName() + ", " + declaration.jobName() + "}";
            if (payloadType.isEmpty()) {
                event.addDefinitionError(new DefinitionException(where + " but does not implement "
                        + PluginJobHandler.class.getName()));
                continue;
            }
            if (declaration.concurrency() < 1) {
                event.addDefinitionError(new DefinitionException(where + " with concurrency " + declaration.concurrency()
                        + ": concurrency must be >= 1"));
                continue;
            }
            try {
                JobAddress address = new JobAddress(declaration.pluginName(), declaration.queueName(), declaration.jobName());
                handlers.add(new HandlerDescriptor(address, new CdiHandlerBean(bean), payloadType.get(),
                        declaration.concurrency(), rateLimit("rateLimit", declaration.rateLimit()),
                        rateLimit("keyRateLimit", declaration.keyRateLimit())));
                addresses.add(address);
            } catch (IllegalArgumentException e) {
                event.addDefinitionError(new DefinitionException(where + ": " + e.getMessage(), e));
            }
        }
        if (!scheduled.isEmpty() && (addresses.size() == declarations.size() || declarations.isEmpty())) {
            ScheduleDeclarations.Result result = ScheduleDeclarations.read(bean.getBeanClass().getName(), scheduled, addresses);
            schedules.addAll(result.schedules());
            result.problems().forEach(p -> event.addDefinitionError(new DefinitionException(p)));
        }
    }

    void rejectDuplicateAddresses(@Observes AfterBeanDiscovery event) {
        Map<JobAddress, HandlerDescriptor> byAddress = new LinkedHashMap<>();
        for (HandlerDescriptor handler : handlers) {
            HandlerDescriptor previous = byAddress.putIfAbsent(handler.address(), handler);
            if (previous != null) {
                event.addDefinitionError(new DefinitionException("Two beans handle the job address " + handler.address() + ": "
                        + previous.beanClassName() + " and " + handler.beanClassName() + "; an address has one handler"));
            }
        }
    }

    /**
     * A rate limit is the logical queue's, so every handler of one queue that declares one must
     * declare the same; configuration ({@code managed-queue.rate-limit.*}) still wins over all.
     */
    void rejectConflictingRateLimits(@Observes AfterBeanDiscovery event) {
        Map<QueueName, HandlerDescriptor> queueLimit = new LinkedHashMap<>();
        Map<QueueName, HandlerDescriptor> keyLimit = new LinkedHashMap<>();
        for (HandlerDescriptor handler : handlers) {
            QueueName queue = QueueName.of(handler.address());
            checkSameLimit(event, queue, "rateLimit", handler, queueLimit, HandlerDescriptor::rateLimit);
            checkSameLimit(event, queue, "keyRateLimit", handler, keyLimit, HandlerDescriptor::keyRateLimit);
        }
    }

    private static void checkSameLimit(AfterBeanDiscovery event, QueueName queue, String attribute, HandlerDescriptor handler,
            Map<QueueName, HandlerDescriptor> seen, Function<HandlerDescriptor, RateLimitPolicy> read) {
        RateLimitPolicy limit = read.apply(handler);
        if (!limit.isLimited()) {
            return;
        }
        HandlerDescriptor previous = seen.putIfAbsent(queue, handler);
        if (previous != null && !read.apply(previous).equals(limit)) {
            event.addDefinitionError(new DefinitionException("Two handlers of the queue " + queue + " declare different "
                    + attribute + "s: " + previous.beanClassName() + " for " + previous.address() + " (" + read.apply(previous)
                    + ") and " + handler.beanClassName() + " for " + handler.address() + " (" + limit
                    + "); a rate limit belongs to the whole queue"));
        }
    }

    private static RateLimitPolicy rateLimit(String attribute, RateLimit declared) {
        try {
            return RateLimitPolicy.of(declared);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(attribute + "." + e.getMessage(), e);
        }
    }

    void rejectDuplicateScheduleIds(@Observes AfterBeanDiscovery event) {
        Map<String, DeclaredSchedule> byId = new LinkedHashMap<>();
        for (DeclaredSchedule schedule : schedules) {
            DeclaredSchedule previous = byId.putIfAbsent(schedule.id(), schedule);
            if (previous != null) {
                event.addDefinitionError(new DefinitionException("Two @Scheduled declarations use the schedule id "
                        + schedule.id() + ": on " + previous.beanClass() + " and on " + schedule.beanClass()
                        + "; set a distinct id on each"));
            }
        }
    }

    private static boolean classPresent(String name) {
        try {
            Class.forName(name, false, ManagedQueueExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** @return every valid handler declaration found at boot */
    public List<HandlerDescriptor> handlers() {
        return List.copyOf(handlers);
    }

    /** @return every valid {@code @Scheduled} declaration found at boot */
    public List<DeclaredSchedule> schedules() {
        return List.copyOf(schedules);
    }

    /** {@code T} of {@code PluginJobHandler<T>}; {@code Object} for a raw or variable type; empty when not a handler. */
    static Optional<Type> payloadType(Set<Type> beanTypes) {
        for (Type type : beanTypes) {
            if (type instanceof ParameterizedType p && p.getRawType() == PluginJobHandler.class) {
                Type argument = p.getActualTypeArguments()[0];
                return Optional.of(argument instanceof Class<?> || argument instanceof ParameterizedType ? argument : Object.class);
            }
            if (type == PluginJobHandler.class) {
                return Optional.of(Object.class);
            }
        }
        return Optional.empty();
    }
}
