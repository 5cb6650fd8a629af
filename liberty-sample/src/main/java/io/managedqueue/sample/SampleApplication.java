package io.managedqueue.sample;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import io.managedqueue.sample.events.EventResource;
import io.managedqueue.sample.jobs.JobResource;
import io.managedqueue.sample.notifications.NotificationResource;
import io.managedqueue.sample.provider.FakeProviderResource;
import io.managedqueue.sample.tenant.TenantHeaderFilter;

/**
 * The sample's REST API, under {@code /api}. A fictional "acme" notifications plugin shows the
 * platform at work: outbound messages with retries and a per-integration lock, an inbound
 * debounce window, and the job status API.
 *
 * <p>It lists its classes: an application that lists none gets every resource of the WAR
 * (JAX-RS 3.1, section 2.3.2), the admin module's too, which belong to the admin's own
 * application under {@code /managed-queue/api}.
 */
@ApplicationPath("/api")
public class SampleApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(NotificationResource.class, EventResource.class, JobResource.class, FakeProviderResource.class,
                TenantHeaderFilter.class, BadRequestMapper.class, RedisUnavailableMapper.class,
                MalformedBodyMapper.class, MalformedBodyMapper.Jsonb.class);
    }
}
