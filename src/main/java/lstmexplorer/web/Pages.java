package lstmexplorer.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import lstmexplorer.service.ModelRecord;
import lstmexplorer.service.ModelService;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The HTML pages: Thymeleaf shells from {@code /templates/} that get only the page name and the ids
 * in the URL; everything else they load from the API.
 */
final class Pages {
    private final TemplateEngine engine = new TemplateEngine();
    private final ModelService models;
    private final List<Map<String, Object>> endpoints;

    /** @param endpoints the API's endpoints, for the api page */
    Pages(ModelService models, List<Map<String, Object>> endpoints) {
        this.models = models;
        this.endpoints = endpoints;
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Pages.class.getClassLoader());
        resolver.setPrefix("/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    void index(Context ctx) { render(ctx, "index", Map.of("page", "index")); }

    void train(Context ctx) { render(ctx, "train", Map.of("page", "train")); }

    void importPage(Context ctx) { render(ctx, "import", Map.of("page", "import")); }

    void compare(Context ctx) { render(ctx, "compare", Map.of("page", "compare")); }

    void scoreboard(Context ctx) { render(ctx, "scoreboard", Map.of("page", "scoreboard")); }

    void lab(Context ctx) { render(ctx, "lab", Map.of("page", "lab")); }

    void datasets(Context ctx) { render(ctx, "datasets", Map.of("page", "datasets")); }

    /** The text view of a model: one unit over a long text. */
    void text(Context ctx) { modelPage(ctx, "text"); }

    void api(Context ctx) { render(ctx, "api", Map.of("page", "api", "endpoints", endpoints)); }

    /** A guided tour of a task's model: one tour per file in /static/js/tours/, named after the task. */
    void tour(Context ctx) {
        String task = ctx.pathParam("task");
        if (!task.matches("[a-z_]{1,40}") || Pages.class.getResource("/static/js/tours/" + task + ".js") == null) {
            notFound(ctx, "There is no tour of '" + task + "'. The gallery's models each have one: Take the tour on their cards.");
            return;
        }
        render(ctx, "tour", Map.of("page", "tour", "task", task));
    }

    void model(Context ctx) { modelPage(ctx, "model"); }

    void neuron(Context ctx) {
        String id = ctx.pathParam("id");
        ModelRecord r = modelOrNotFound(ctx, id);
        if (r == null) return;
        Integer layer = Requests.pathInt(ctx, "layer"), unit = Requests.pathInt(ctx, "unit");
        if (layer == null || layer >= r.layers() || unit == null || unit >= r.hidden()) {
            // people count layers from 1 and units from 0, as the pages do; the address counts both from 0
            notFound(ctx, "Model '" + id + "' has " + (r.layers() == 1 ? "1 layer" : r.layers() + " layers") + " of units 0 to "
                    + (r.hidden() - 1) + "; in the address the layers are numbered from 0, so /models/" + id + "/layers/0/units/0 to /layers/"
                    + (r.layers() - 1) + "/units/" + (r.hidden() - 1) + ".");
            return;
        }
        render(ctx, "neuron", Map.of("page", "neuron", "modelId", id, "layer", layer, "unit", unit));
    }

    /** A page of the model in the address, or the 404 page when there is none. */
    private void modelPage(Context ctx, String template) {
        String id = ctx.pathParam("id");
        if (modelOrNotFound(ctx, id) != null) render(ctx, template, Map.of("page", template, "modelId", id));
    }

    /** The model, or null after answering with the 404 page. */
    private ModelRecord modelOrNotFound(Context ctx, String id) {
        ModelRecord r = models.find(id).orElse(null);
        if (r == null) notFound(ctx, "There is no model '" + id + "'.");
        return r;
    }

    private void render(Context ctx, String template, Map<String, Object> variables) {
        org.thymeleaf.context.Context context = new org.thymeleaf.context.Context();
        context.setVariables(variables);
        ctx.html(engine.process(template, context));
    }

    /** The HTML 404 page. */
    static void notFound(Context ctx, String detail) {
        ctx.attribute(HttpErrors.WRITTEN, Boolean.TRUE);
        ctx.status(404).html("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Not found · LSTM Explorer</title>"
                + "<link rel=\"icon\" href=\"/static/img/favicon.svg\" type=\"image/svg+xml\"><link rel=\"stylesheet\" href=\"/static/css/app.css\"></head>"
                + "<body><main class=\"page\"><h1 class=\"page-title\">Not found</h1><p>" + escape(detail)
                + "</p><p><a href=\"/\">Back to the gallery</a></p></main></body></html>\n");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
