package io.managedqueue.sample;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The body of every error response: {@code {"error": "..."}}.
 *
 * @param error what went wrong, for a person
 */
public record ApiError(String error) {

    public static Response response(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(message)).build();
    }
}
