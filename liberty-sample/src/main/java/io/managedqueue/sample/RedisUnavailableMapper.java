package io.managedqueue.sample;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.managedqueue.api.ManagedQueueException;

/** Redis did not answer in time: the request may be retried, a 503. */
@Provider
public class RedisUnavailableMapper implements ExceptionMapper<ManagedQueueException> {

    @Override
    public Response toResponse(ManagedQueueException e) {
        return ApiError.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
