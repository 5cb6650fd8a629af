package io.managedqueue.extension;

import static io.managedqueue.extension.Jobs.PLUGIN;
import static io.managedqueue.extension.Jobs.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DefinitionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.managedqueue.api.ManagedQueueJob;
import io.managedqueue.api.PluginJobHandler;
import io.managedqueue.api.PluginJobProcessor;
import io.managedqueue.api.Scheduled;

/** A bad {@code @Scheduled} declaration fails deployment with a DefinitionException naming the bean and the attribute. */
class ScheduleDeploymentTest {

    @ApplicationScoped
    @Scheduled(every = "PT1M")
    public static class NoProcessor implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
        }
    }

    @ApplicationScoped
    @Scheduled(cron = "0 * * * *", every = "PT1M")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "both")
    public static class CronAndEvery implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
        }
    }

    @ApplicationScoped
    @Scheduled
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "neither")
    public static class Neither implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
        }
    }

    @ApplicationScoped
    @Scheduled(cron = "0 0 31 2 *")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "bad-cron")
    public static class BadCron implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
        }
    }

    @ApplicationScoped
    @Scheduled(cron = "0 0 * * *", zone = "Europe/Atlantis")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "bad-zone")
    public static class BadZone implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
        }
    }

    @ApplicationScoped
    @Scheduled(every = "500ms")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "bad-every")
    public static class BadEvery implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
        }
    }

    @ApplicationScoped
    @Scheduled(every = "PT1M")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "one")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "two")
    public static class WhichJob implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
        }
    }

    @ApplicationScoped
    @Scheduled(every = "PT1M", jobName = "three")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "one")
    public static class UnknownJob implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
        }
    }

    @ApplicationScoped
    @Scheduled(id = "same", every = "PT1M")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "first")
    public static class FirstSame implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
        }
    }

    @ApplicationScoped
    @Scheduled(id = "same", every = "PT2M")
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "second")
    public static class SecondSame implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
        }
    }

    private final PlatformHarness harness = new PlatformHarness("schedule-deployment");

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aScheduleNeedsAPluginJobProcessorOnItsBean() {
        assertDefinitionError(NoProcessor.class, "no valid @PluginJobProcessor");
    }

    @Test
    void exactlyOneOfCronAndEvery() {
        assertDefinitionError(CronAndEvery.class, "exactly one of cron and every");
        assertDefinitionError(Neither.class, "exactly one of cron and every");
    }

    @Test
    void badCronZoneOrEveryAreNamed() {
        assertDefinitionError(BadCron.class, "cron day-of-month '31' never occurs");
        assertDefinitionError(BadZone.class, "zone is not a time zone id");
        assertDefinitionError(BadEvery.class, "every is not an ISO-8601 duration");
    }

    @Test
    void jobNameMustPickOneOfTheBeansAddresses() {
        assertDefinitionError(WhichJob.class, "jobName must name one of the bean's 2 addresses");
        assertDefinitionError(UnknownJob.class, "jobName 'three' is not among");
    }

    @Test
    void twoSchedulesWithOneIdFailDeployment() {
        Throwable thrown = catchThrowable(() -> harness.start(FirstSame.class, SecondSame.class));
        assertThat(definition(thrown).getMessage()).contains("schedule id same", FirstSame.class.getName(),
                SecondSame.class.getName());
    }

    private void assertDefinitionError(Class<?> bean, String mention) {
        Throwable thrown = catchThrowable(() -> harness.start(bean));
        assertThat(definition(thrown).getMessage()).contains(bean.getName(), "@Scheduled", mention);
    }

    private static Throwable definition(Throwable thrown) {
        Throwable definition = thrown;
        while (definition != null && !(definition instanceof DefinitionException)) {
            definition = definition.getCause();
        }
        assertThat(definition).as("a DefinitionException in %s", thrown).isNotNull();
        return definition;
    }
}
