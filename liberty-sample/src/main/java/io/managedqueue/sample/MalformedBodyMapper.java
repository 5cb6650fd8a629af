package io.managedqueue.sample;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request body that is not JSON, or whose field has the wrong type, is the caller's mistake: a
 * 400 whose JSON error names the field (as JSON-B reports it), not the server's default 500 in
 * plain text. Liberty's JSON-B provider reports it as a {@link ProcessingException} around the
 * {@link JsonbException}; {@link Jsonb} covers a provider that throws the latter alone.
 */
@Provider
public class MalformedBodyMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException e) {
        return badBody(e);
    }

    static Response badBody(Throwable e) {
        StringBuilder why = new StringBuilder("malformed JSON body");
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonbException || t.getCause() == null) {
                why.append(": ").append(t.getMessage());
                break;
            }
        }
        return ApiError.response(Response.Status.BAD_REQUEST, why.toString());
    }

    /** The same for a bare {@link JsonbException}. */
    @Provider
    public static class Jsonb implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return badBody(e);
        }
    }
}
