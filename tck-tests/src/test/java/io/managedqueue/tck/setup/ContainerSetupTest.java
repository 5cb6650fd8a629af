package io.managedqueue.tck.setup;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.managedqueue.tck.support.TckDeployment;
import io.managedqueue.tck.support.Topology;
import io.managedqueue.testing.TestTimeouts;

/**
 * The TCK's own plumbing, independent of the extension's behaviour: a deployment's beans are
 * injectable into the in-container test, and the configuration written into the archive
 * (Redis address, key prefix) is what MicroProfile Config sees there, and waits are scaled by the
 * same timeout factor as on the client (on Liberty it reaches the server JVM through jvm.options).
 */
@ExtendWith(ArquillianExtension.class)
class ContainerSetupTest {

    @Deployment
    static Archive<?> deployment() {
        return TckDeployment.forTest(ContainerSetupTest.class).classes(Greeter.class).build();
    }

    @Inject
    Greeter greeter;

    @Inject
    RequestContextController requestContext;

    @Test
    void deploymentBeansAreInjected() {
        assertThat(greeter.greet("tck")).isEqualTo("hello tck");
    }

    @Test
    void deploymentConfigurationIsVisibleToMicroProfileConfig() {
        assertThat(ConfigProvider.getConfig().getValue("managed-queue.key-prefix", String.class))
                .startsWith("mqtest-container-setup-test-");
        // the Cluster run names its nodes instead of one address
        String redisKey = Topology.cluster() ? Topology.CLUSTER_ADDRESSES : "managed-queue.redis.address";
        assertThat(ConfigProvider.getConfig().getValue(redisKey, String.class))
                .as("written by the client, so a Liberty server in another JVM reaches the same Redis")
                .isNotBlank();
        assertThat(ConfigProvider.getConfig().getValue(redisKey, String.class))
                .startsWith("redis://");
    }

    @Test
    void waitsInTheContainerAreScaledLikeOnTheClient() {
        double clientFactor = ConfigProvider.getConfig().getValue(TckDeployment.TIMEOUT_FACTOR_CHECK, Double.class);
        assertThat(TestTimeouts.factor()).isEqualTo(clientFactor);
    }

    @Test
    void testMethodsRunInsideAnActiveRequestContext() {
        // activate() returns false when a request context is already active
        assertThat(requestContext.activate()).isFalse();
    }
}
