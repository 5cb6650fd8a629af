package io.managedqueue.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the handler bean it annotates on a schedule: at every tick, exactly one job is enqueued
 * to one of the bean's {@link PluginJobProcessor} addresses, across any number of processes and
 * restarts. Declared schedules are system-wide (the job has no tenant) and carry no payload
 * ({@link ManagedQueueJob#data()} is {@code null}). For per-tenant schedules created at run time
 * use {@link ManagedQueueService#upsertSchedule(String, ScheduleSpec, EnqueueRequest)}.
 *
 * <pre>{@code
 * @Scheduled(cron = "0 2 * * *", zone = "Europe/Berlin")
 * @PluginJobProcessor(pluginName = "@acme/plugin-wechat", queueName = "wechat.maintenance", jobName = "reconcile")
 * @ApplicationScoped
 * public class NightlyReconcile implements PluginJobHandler<Void> { ... }
 * }</pre>
 *
 * <p>Exactly one of {@link #cron()} and {@link #every()} must be set. Repeatable: one bean may
 * carry several schedules, each with its own {@link #id()}. MicroProfile Config overrides a
 * schedule by id: {@code managed-queue.schedule.<id>.cron}, {@code .every}, {@code .zone}, and
 * {@code .enabled} ({@code false}: this process does not register it and removes it from Redis at
 * start-up; a process that still has it enabled registers it again when it starts, so set it on
 * every process). A configured {@code cron} or {@code every}
 * replaces whichever the annotation set.
 *
 * <p>Ticks are fired by the processes that run workers ({@code managed-queue.worker.enabled},
 * default {@code true}). A tick reached late by less than 5 seconds fires normally. When ticks
 * are missed for longer (every process was down over them), exactly one catch-up job is enqueued
 * for the oldest missed tick, and the schedule continues at the next future tick.
 *
 * <p>A bad declaration fails deployment with a {@code jakarta.enterprise.inject.spi.DefinitionException}
 * naming the bean and the attribute: no {@link PluginJobProcessor} on the bean, neither or both of
 * cron and every, an unparseable cron, zone or every, a job name the bean does not handle, a
 * missing job name on a bean with several addresses, or an id used twice.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Scheduled.List.class)
public @interface Scheduled {

    /**
     * @return the schedule's id, unique in the application; default {@code <plugin>/<queue>/<job>}
     *         of the scheduled address. Printable ASCII without space, '{', '}' or '|', at most 200 characters.
     */
    String id() default "";

    /**
     * @return a five-field cron expression (see {@link ScheduleSpec#cron(String, java.time.ZoneId)}),
     *         for example {@code "0 2 * * *"}; default none
     */
    String cron() default "";

    /**
     * @return a fixed rate as an ISO-8601 duration, for example {@code "PT30S"}, at least
     *         {@code PT1S}; ticks are whole multiples of it since the epoch (see {@link ScheduleSpec#every(java.time.Duration)}); default none
     */
    String every() default "";

    /** @return the time zone of {@link #cron()}, a {@link java.time.ZoneId} id; default {@code "UTC"} */
    String zone() default "UTC";

    /**
     * @return which of the bean's {@link PluginJobProcessor#jobName()} addresses each tick enqueues
     *         to; may be left empty (the default) only when the bean has exactly one address
     */
    String jobName() default "";

    /** Holds repeated {@link Scheduled} annotations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        /** @return the repeated annotations */
        Scheduled[] value();
    }
}
