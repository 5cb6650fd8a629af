package io.managedqueue.admin.json;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * The admin API's exception mappers. Not annotated {@code @Provider}: only the admin
 * application registers them, so an application's own mappers stay its own.
 */
public final class ErrorMappers {

    // the platform's messages start with the field they name: "limit must be 1 to 100, was 0"
    private static final Pattern LEADING_FIELD = Pattern.compile("^([A-Za-z][A-Za-z0-9_.\\[\\]]*):? ");

    private ErrorMappers() {
    }

    /**
     * @param message an {@link IllegalArgumentException}'s message
     * @return the field it names first, or {@code null}
     */
    static String leadingField(String message) {
        if (message == null) {
            return null;
        }
        Matcher matcher = LEADING_FIELD.matcher(message);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** Bad input, the admin's own or the platform's: 400 naming the field. */
    public static class IllegalArgument implements ExceptionMapper<IllegalArgumentException> {
        @Override
        public Response toResponse(IllegalArgumentException e) {
            String field = e instanceof BadInput bad ? bad.field() : leadingField(e.getMessage());
            return ApiError.response(400, e.getMessage(), field);
        }
    }

    /** The platform refuses a queue-wide operation in a tenant scope: 403. */
    public static class IllegalState implements ExceptionMapper<IllegalStateException> {
        @Override
        public Response toResponse(IllegalStateException e) {
            return ApiError.response(403, e.getMessage(), null);
        }
    }

    /** JAX-RS's own errors (401, 403, 404, 405, 415...) as JSON, keeping their status and headers. */
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            if (original.hasEntity()) {
                return original;
            }
            Response.ResponseBuilder json = Response.fromResponse(ApiError.response(original.getStatus(),
                    original.getStatusInfo().getReasonPhrase(), null));
            original.getHeaders().forEach((name, values) -> values.forEach(value -> json.header(name, value)));
            return json.build();
        }
    }
}
