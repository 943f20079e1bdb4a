package lstmexplorer.web;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import lstmexplorer.service.Limits;
import lstmexplorer.service.ServiceException;

/**
 * One API route: what it is registered as and how it is documented. The route table in
 * {@link Routes} is the single source for both the server and the OpenAPI document.
 */
final class Endpoint {
    /** A path or query parameter; {@code schema} is an OpenAPI schema object. */
    record Param(String name, String in, boolean required, String description, Map<String, Object> schema) {}

    /** A response: status, description, content type and schema (null for none). */
    record Response(int status, String description, String contentType, Object schema) {}

    final HandlerType method;
    final String path;
    String summary = "", description = "", tag = "";
    final List<Param> params = new ArrayList<>();
    Object bodySchema;
    String bodyDescription, bodyContentType = "application/json";
    final List<Response> responses = new ArrayList<>();
    Handler handler;

    private Endpoint(HandlerType method, String path) {
        this.method = method;
        this.path = path;
    }

    static Endpoint get(String path) { return new Endpoint(HandlerType.GET, path); }
    static Endpoint post(String path) { return new Endpoint(HandlerType.POST, path); }
    static Endpoint delete(String path) { return new Endpoint(HandlerType.DELETE, path); }

    Endpoint summary(String s) { summary = s; return this; }
    Endpoint description(String d) { description = d; return this; }
    Endpoint tag(String t) { tag = t; return this; }

    /** Applies parameters that several routes take alike, declared once where the table defines them. */
    Endpoint with(UnaryOperator<Endpoint> parameters) { return parameters.apply(this); }

    Endpoint pathParam(String name, String description) {
        params.add(new Param(name, "path", true, description, Map.of("type", "string", "pattern", "^[a-z0-9_-]{1,64}$")));
        return this;
    }

    Endpoint query(String name, String description, Map<String, Object> schema) {
        params.add(new Param(name, "query", false, description, schema));
        return this;
    }

    Endpoint body(String description, Object schema) {
        return body(description, "application/json", schema);
    }

    /** A body of another content type than JSON (a dataset upload is text/plain). */
    Endpoint body(String description, String contentType, Object schema) {
        bodyDescription = description;
        bodyContentType = contentType;
        bodySchema = schema;
        return this;
    }

    Endpoint ok(int status, String description, Object schema) {
        responses.add(new Response(status, description, "application/json", schema));
        return this;
    }

    Endpoint ok(int status, String description, String contentType, Object schema) {
        responses.add(new Response(status, description, contentType, schema));
        return this;
    }

    /** An error response with the standard error body. */
    Endpoint error(int status, String description) {
        responses.add(new Response(status, description, "application/json", OpenApi.ref("Error")));
        return this;
    }

    /** The refusals of a JSON body about one model: bad field, no such model, no weights, too big, not JSON, unknown characters. */
    Endpoint modelBodyErrors() {
        return modelErrors("bad field (named, with its range) or unknown field")
                .error(413, "body over " + Limits.MAX_BODY_BYTES + " bytes").error(415, "body is not application/json")
                .error(422, "characters outside the model's vocabulary");
    }

    /** The refusals of a request about one model with weights: {@code badRequest} (400), no such model (404), no weights (409). */
    Endpoint modelErrors(String badRequest) {
        return error(400, badRequest).error(404, "unknown model").error(409, "the model has no weights yet");
    }

    /** The route's handler, behind a check that every query parameter sent is one the route declares. */
    Endpoint handler(Handler h) {
        handler = ctx -> {
            refuseUnknownQuery(ctx.queryParamMap().keySet());
            h.handle(ctx);
        };
        return this;
    }

    /**
     * A misspelt or unsupported query parameter is refused, as an unknown field of a JSON body is, rather than
     * ignored: {@code length-sweep?max=100} answering the default sweep would look like an answer to the question.
     */
    void refuseUnknownQuery(Set<String> sent) {
        List<String> known = params.stream().filter(p -> p.in().equals("query")).map(Param::name).toList();
        for (String name : sent) {
            if (known.contains(name)) continue;
            throw ServiceException.badParameter(name, known.isEmpty()
                    ? "unknown query parameter '" + name + "'; " + method + " " + path + " takes none"
                    : "unknown query parameter '" + name + "'; the parameters are " + known);
        }
    }
}
