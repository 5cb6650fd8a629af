package io.managedqueue.tck.tenant;

import static io.managedqueue.tck.support.Jobs.awaitCalls;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.managedqueue.api.EnqueueRequest;
import io.managedqueue.api.EnqueueResult;
import io.managedqueue.api.ManagedQueueService;
import io.managedqueue.tck.support.JobLog;
import io.managedqueue.tck.support.TckDeployment;

/**
 * An application's {@code TenantScopeBridge}: {@code restore} fills the application's own
 * request-scoped holder inside the job before the handler runs, and {@code capture} supplies the
 * scope of a request that names no tenant.
 */
@ExtendWith(ArquillianExtension.class)
class TenantScopeBridgeTest {

    static final String PLUGIN = "@tck/tenant-bridge";

    @Deployment
    static Archive<?> deployment() {
        return TckDeployment.forTest(TenantScopeBridgeTest.class)
                .classes(AppTenant.class, AppTenantBridge.class, BridgedHandler.class, BridgedHandler.Seen.class)
                .build();
    }

    @Inject
    ManagedQueueService queue;

    @Inject
    AppTenantBridge bridge;

    @Inject
    BridgedHandler handler;

    @Inject
    AppTenant appTenant;

    @Inject
    JobLog log;

    @Test
    void restoreFillsTheApplicationsHolderBeforeTheHandlerRuns() {
        EnqueueResult result = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "bridged", "observe")
                .payload("explicit").tenantId("bridged").organizationId("bridged-org").build());

        awaitCalls(log, result.jobId(), 1);
        assertThat(handler.seen(result.jobId())).isEqualTo(new BridgedHandler.Seen("bridged", "bridged-org", null));
        assertThat(bridge.restored()).anySatisfy(scope -> {
            assertThat(scope.tenantId()).isEqualTo("bridged");
            assertThat(scope.organizationId()).isEqualTo("bridged-org");
        });
    }

    @Test
    void captureSuppliesTheScopeOfARequestThatNamesNoTenant() {
        appTenant.set("from-app", "app-org", "de-CH");

        EnqueueResult result = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "bridged", "observe")
                .payload("captured").build());

        JobLog.Call call = awaitCalls(log, result.jobId(), 1).get(0);
        assertThat(call.jobTenant()).isEqualTo("from-app");
        assertThat(call.jobOrganization()).isEqualTo("app-org");
        assertThat(call.contextTenant()).contains("from-app");
        assertThat(handler.seen(result.jobId()))
                .as("the captured attributes travel with the job")
                .isEqualTo(new BridgedHandler.Seen("from-app", "app-org", "de-CH"));
    }

    @Test
    void systemWideJobIsRestoredAsSystemWide() {
        EnqueueResult result = queue.enqueue(EnqueueRequest.<String>builder(PLUGIN, "bridged", "observe")
                .payload("system").systemWide().build());

        awaitCalls(log, result.jobId(), 1);
        assertThat(handler.seen(result.jobId())).isEqualTo(new BridgedHandler.Seen(null, null, null));
        assertThat(bridge.restored()).anySatisfy(scope -> assertThat(scope.isSystemWide()).isTrue());
    }
}
