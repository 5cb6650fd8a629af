package io.managedqueue.admin.json;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The body of every error answer: {@code {"error": "...", "field": "..."}}.
 *
 * @param error what went wrong, for a person
 * @param field the request field (query parameter, body property or header) at fault, or {@code null}
 */
public record ApiError(String error, String field) {

    /**
     * @param status  the HTTP status
     * @param message the error
     * @param field   the field at fault, or {@code null}
     * @return a JSON error response (a 401 also carries the Basic challenge)
     */
    public static Response response(int status, String message, String field) {
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(message, field));
        if (status == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"managed-queue\"");
        }
        return builder.build();
    }
}
