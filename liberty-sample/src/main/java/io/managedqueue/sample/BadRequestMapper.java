package io.managedqueue.sample;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The platform refuses bad input with an {@link IllegalArgumentException} naming the field
 * (a malformed job id, an oversized payload...): that is the caller's mistake, a 400.
 */
@Provider
public class BadRequestMapper implements ExceptionMapper<IllegalArgumentException> {

    @Override
    public Response toResponse(IllegalArgumentException e) {
        return ApiError.response(Response.Status.BAD_REQUEST, e.getMessage());
    }
}
