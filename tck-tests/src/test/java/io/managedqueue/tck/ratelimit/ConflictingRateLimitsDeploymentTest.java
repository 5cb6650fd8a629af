package io.managedqueue.tck.ratelimit;

import jakarta.enterprise.inject.spi.DefinitionException;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.managedqueue.tck.support.TckDeployment;

/** Two handlers of one queue declaring different rate limits fail deployment. */
@ExtendWith(ArquillianExtension.class)
class ConflictingRateLimitsDeploymentTest {

    @Deployment
    @ShouldThrowException(DefinitionException.class)
    static Archive<?> deployment() {
        return TckDeployment.forTest(ConflictingRateLimitsDeploymentTest.class)
                .classes(ConflictingLimitHandlerOne.class, ConflictingLimitHandlerTwo.class).build();
    }

    @Test
    void deploymentFailsWithADefinitionException() {
        // Arquillian fails this test unless deploying the archive threw a DefinitionException.
    }
}
