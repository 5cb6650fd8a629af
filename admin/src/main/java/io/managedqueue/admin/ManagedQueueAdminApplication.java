package io.managedqueue.admin;

import java.util.Set;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import io.managedqueue.admin.json.ErrorMappers;
import io.managedqueue.admin.rest.JobResource;
import io.managedqueue.admin.rest.MeResource;
import io.managedqueue.admin.rest.QueueResource;
import io.managedqueue.admin.rest.WorkerResource;
import io.managedqueue.admin.security.RequestGuard;

/**
 * The operators' REST API, a JAX-RS application of its own under {@value #PATH} (relative to the
 * web application's context root). The dashboard page is served beside it, from
 * {@code META-INF/resources/managed-queue/}.
 *
 * <p>It lists its classes, so that it takes none of the application's resources or providers (and
 * its error mappers and request guard do not leak into the application's own JAX-RS application:
 * none of them is annotated {@code @Provider}). To mount the API elsewhere, map the servlet named
 * after this class in {@code web.xml} (JAX-RS 3.1, section 2.3.2): that mapping wins over {@link ApplicationPath}.
 */
@ApplicationPath(ManagedQueueAdminApplication.PATH)
@DeclareRoles({AdminRoles.OPERATOR, AdminRoles.VIEWER})
public class ManagedQueueAdminApplication extends Application {

    /** The default path of the API, below the web application's context root. */
    public static final String PATH = "/managed-queue/api";

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(QueueResource.class, JobResource.class, WorkerResource.class, MeResource.class,
                RequestGuard.class,
                ErrorMappers.IllegalArgument.class, ErrorMappers.IllegalState.class,
                ErrorMappers.WebApplication.class);
    }
}
