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

/** A bad handler declaration fails deployment with a DefinitionException naming the bean and the address. */
class DeploymentFailureTest {

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "not-a-handler")
    public static class NotAHandler {
    }

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "taken")
    public static class FirstOwner implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
        }
    }

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "taken")
    public static class SecondOwner implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
        }
    }

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = QUEUE, jobName = "zero", concurrency = 0)
    public static class ZeroConcurrency implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
        }
    }

    @ApplicationScoped
    @PluginJobProcessor(pluginName = PLUGIN, queueName = " ", jobName = "blank-queue")
    public static class BlankQueueName implements PluginJobHandler<String> {
        @Override
        public void handle(ManagedQueueJob<String> job) {
        }
    }

    private final PlatformHarness harness = new PlatformHarness("deployment");

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aBeanThatIsNotAHandlerFailsDeployment() {
        assertDefinitionError(catchThrowable(() -> harness.start(NotAHandler.class)),
                NotAHandler.class.getName(), "{" + PLUGIN + ", " + QUEUE + ", not-a-handler}", "PluginJobHandler");
    }

    @Test
    void twoBeansForOneAddressFailDeployment() {
        assertDefinitionError(catchThrowable(() -> harness.start(FirstOwner.class, SecondOwner.class)),
                FirstOwner.class.getName(), SecondOwner.class.getName(), "{" + PLUGIN + ", " + QUEUE + ", taken}");
    }

    @Test
    void concurrencyBelowOneFailsDeployment() {
        assertDefinitionError(catchThrowable(() -> harness.start(ZeroConcurrency.class)),
                ZeroConcurrency.class.getName(), "concurrency must be >= 1");
    }

    @Test
    void aBlankNameFailsDeployment() {
        assertDefinitionError(catchThrowable(() -> harness.start(BlankQueueName.class)),
                BlankQueueName.class.getName(), "queueName must not be blank");
    }

    private static void assertDefinitionError(Throwable thrown, String... mentions) {
        Throwable definition = thrown;
        while (definition != null && !(definition instanceof DefinitionException)) {
            definition = definition.getCause();
        }
        assertThat(definition).as("a DefinitionException in %s", thrown).isNotNull();
        for (String mention : mentions) {
            assertThat(definition.getMessage()).contains(mention);
        }
    }
}
