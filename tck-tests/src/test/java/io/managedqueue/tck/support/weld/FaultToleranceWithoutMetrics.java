package io.managedqueue.tck.support.weld;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

import io.smallrye.faulttolerance.metrics.MicroProfileMetricsProvider;
import io.smallrye.faulttolerance.metrics.NoopProvider;

/**
 * Weld embedded run only: SmallRye Fault Tolerance, loaded as a service, integrates with
 * MicroProfile Metrics and needs a {@code MetricRegistry} bean that a bare Weld does not have.
 * This swaps in its no-op metrics provider, as an embedder would with
 * {@code new FaultToleranceExtension(MetricsIntegration.NOOP)}. Liberty brings its own Fault Tolerance.
 */
public class FaultToleranceWithoutMetrics implements Extension {

    void vetoMicroProfileMetrics(@Observes ProcessAnnotatedType<MicroProfileMetricsProvider> type) {
        type.veto();
    }

    void registerNoopMetrics(@Observes BeforeBeanDiscovery discovery, BeanManager beanManager) {
        discovery.addAnnotatedType(beanManager.createAnnotatedType(NoopProvider.class), NoopProvider.class.getName() + "#tck");
    }
}
