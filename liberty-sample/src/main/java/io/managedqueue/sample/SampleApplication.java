package io.managedqueue.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The sample's REST API, under {@code /api}. A fictional "acme" notifications plugin shows the
 * platform at work: outbound messages with retries and a per-integration lock, an inbound
 * debounce window, and the job status API.
 */
@ApplicationPath("/api")
public class SampleApplication extends Application {
}
