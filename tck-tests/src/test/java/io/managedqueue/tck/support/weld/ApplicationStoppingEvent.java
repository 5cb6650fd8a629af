package io.managedqueue.tck.support.weld;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.inject.spi.BeanManager;

import org.jboss.arquillian.container.spi.event.container.BeforeUnDeploy;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;

import io.managedqueue.tck.support.TckDeployment;

/**
 * Weld embedded run only: fires {@code @BeforeDestroyed(ApplicationScoped.class)} before a
 * deployment is undeployed. CDI requires every container to fire it when the application is
 * about to stop (Weld SE and Open Liberty do), but Arquillian's Weld embedded container, a mock
 * of one, only fires {@code @Destroyed}. Without it, nothing application-scoped would hear that
 * the application is stopping, and the shutdown behaviour could not be tested on Weld.
 */
public class ApplicationStoppingEvent {

    @Inject
    private Instance<BeanManager> beanManager;

    /**
     * @param event the undeployment about to happen
     */
    public void fire(@Observes BeforeUnDeploy event) {
        if (TckDeployment.onLiberty()) {
            return;
        }
        BeanManager manager = beanManager.get();
        if (manager != null) {
            manager.getEvent().select(BeforeDestroyed.Literal.APPLICATION).fire(new Object());
        }
    }
}
