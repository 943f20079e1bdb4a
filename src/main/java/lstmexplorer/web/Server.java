package lstmexplorer.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import lstmexplorer.service.ClientJobs;
import lstmexplorer.service.DatasetStore;
import lstmexplorer.service.ExportService;
import lstmexplorer.service.GalleryService;
import lstmexplorer.service.GenerateService;
import lstmexplorer.service.DynamicsJobs;
import lstmexplorer.service.JobService;
import lstmexplorer.service.Json;
import lstmexplorer.service.LabService;
import lstmexplorer.service.Limits;
import lstmexplorer.service.MechanismAnalysis;
import lstmexplorer.service.ModelAnalysis;
import lstmexplorer.service.ModelService;
import lstmexplorer.service.ModelStore;
import lstmexplorer.service.OwnerTokens;
import lstmexplorer.service.ServiceException;
import lstmexplorer.service.TaskCatalog;
import lstmexplorer.service.TraceService;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web server: the REST API, the event streams, the pages, static files. Builds the services,
 * loads the model store, starts the gallery, then serves.
 */
public final class Server {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    /**
     * Threads that serve requests. A cached trace takes well under a millisecond of CPU, so a few threads
     * per core keep every core busy; more runnable threads than that only take turns on the cores and
     * stretch the slowest answers (the p99 under load). A few extra leave room for Jetty's selector and
     * acceptor and for a slow analysis or two.
     */
    static final int HTTP_THREADS = Integer.getInteger("lstmexplorer.httpThreads", Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));

    /** The users' datasets live in this folder of the data directory. */
    static final String DATASETS_DIR = "datasets", LABS_DIR = "labs";

    private final ServerOptions options;
    private final ModelStore.LoadReport loadReport;
    private final ModelService models;
    private final JobService jobs;
    private final DynamicsJobs dynamicsJobs;
    private final GalleryService gallery;
    private final JobEvents events;
    private final Javalin app;

    private Server(ServerOptions options) {
        this.options = options;
        ObjectMapper json = Json.newMapper();
        DatasetStore datasets = new DatasetStore(options.dataDir().resolve(DATASETS_DIR), json);
        GalleryService.addCodeDataset(datasets);
        TaskCatalog tasks = new TaskCatalog(datasets);
        ModelStore store = new ModelStore(options.dataDir(), json);
        try {
            for (String note : datasets.load()) LOG.info("{}", note);
            loadReport = store.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the data directory " + options.dataDir(), e);
        }
        jobs = new JobService(options.workers(), options.queueCapacity());
        models = new ModelService(store, jobs, tasks, options.maxStoredModels());
        gallery = new GalleryService(models, options.gallery(), options.galleryMaxSeconds());
        TraceService traces = new TraceService(models, tasks, json, options.traceCacheBytes());
        OwnerTokens tokens = new OwnerTokens(options.dataDir(), options.clients().instructorToken());
        ClientJobs clientJobs = new ClientJobs(jobs, options.clients());
        ApiHandlers handlers = new ApiHandlers(new Requests(json), tasks, models, jobs, gallery, traces, new GenerateService(models),
                new ExportService(models, traces, json), new OwnerAccess(models, jobs, tokens, clientJobs, json));
        LabHandlers lab = new LabHandlers(new Requests(json), new LabService(models, jobs, tokens,
                options.dataDir().resolve(LABS_DIR), json), clientJobs, tokens);
        events = new JobEvents(jobs, json);
        AtomicReference<Object> document = new AtomicReference<>();
        ModelAnalysis modelAnalysis = new ModelAnalysis(models);
        AnalysisHandlers analysis = new AnalysisHandlers(new Requests(json), modelAnalysis);
        MechanismAnalysis mechanismAnalysis = new MechanismAnalysis(models, modelAnalysis);
        dynamicsJobs = new DynamicsJobs(mechanismAnalysis);
        MechanismHandlers mechanisms = new MechanismHandlers(new Requests(json), mechanismAnalysis, dynamicsJobs);
        DatasetHandlers datasetHandlers = new DatasetHandlers(datasets, models,
                new OwnerTokens(datasets.dir(), options.clients().instructorToken()), json);
        List<Endpoint> api = Routes.before(Routes.withAnalysis(Routes.before(Routes.api(handlers, events, ctx -> ctx.json(document.get())),
                datasetHandlers.endpoints()), analysis, mechanisms), LabHandlers.endpoints(lab));
        document.set(OpenApi.document(api, handlers.version()));
        Pages pages = new Pages(models, OpenApi.rows(api));

        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // A few threads serve quickly; hundreds would only fight over the cores (event streams do not hold these threads).
            config.jetty.threadPool = new QueuedThreadPool(HTTP_THREADS, 4, 60_000);
            config.jetty.modifyServletContextHandler(context -> context.setSessionHandler(new NoSessions()));
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = Limits.MAX_IMPORT_BYTES;
            Routes.register(config, api, pages);
            SecurityHeaders.install(config);
            RateLimiter.install(config, options.clients());

            config.routes.exception(ServiceException.class, (e, ctx) -> HttpErrors.write(ctx, e));
            config.routes.exception(Requests.HttpError.class, (e, ctx) -> HttpErrors.write(ctx, e.status, e.error, e.getMessage(), Map.of()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> {
                if (e.getStatus() == 404 && !Routes.isApi(ctx.path())) Pages.notFound(ctx, "There is no page " + ctx.path() + ".");
                else if (e.getStatus() == 404) HttpErrors.write(ctx, 404, "not found", "no endpoint " + ctx.method() + " " + ctx.path()
                        + "; see /openapi.json", Map.of());
                else if (e.getStatus() == 405) HttpErrors.write(ctx, 405, "method not allowed", ctx.method() + " is not allowed on "
                        + ctx.path() + (e.getDetails().isEmpty() ? "" : "; " + e.getDetails()), Map.of());
                else HttpErrors.write(ctx, e.getStatus(), HttpErrors.reason(e.getStatus()), e.getMessage(), Map.of());
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                HttpErrors.write(ctx, 500, "internal error", "the server could not handle this request; the cause is in its log", Map.of());
            });
            config.routes.error(404, ctx -> {
                if (HttpErrors.written(ctx)) return;
                if (Routes.isApi(ctx.path())) HttpErrors.write(ctx, 404, "not found", "no endpoint " + ctx.method() + " " + ctx.path()
                        + "; see /openapi.json", Map.of());
                else Pages.notFound(ctx, "There is no page " + ctx.path() + ".");
            });
            config.routes.error(405, ctx -> {
                if (!HttpErrors.written(ctx)) HttpErrors.write(ctx, 405, "method " + ctx.method() + " is not allowed on " + ctx.path());
            });
        });
    }

    /** Builds the services, loads the models, starts the gallery and the HTTP server. */
    public static Server start(ServerOptions options) {
        Server server = new Server(options);
        for (String line : server.loadReport.movedAside()) LOG.warn("unreadable model file moved aside: {}", line);
        for (String line : server.loadReport.notes()) LOG.info("{}", line);
        try {
            server.app.start(options.port());
        } catch (RuntimeException e) {
            server.jobs.close();
            server.dynamicsJobs.close();
            server.events.close();
            throw e;
        }
        List<String> queued = server.gallery.start();
        if (!queued.isEmpty()) LOG.info("training gallery models in the background: {}", queued);
        return server;
    }

    /**
     * Javalin always puts a session handler in front of its servlet; no page or route here keeps an
     * HTTP session, so this one passes every request straight on instead of looking up a session
     * cookie and wrapping the request and response for each.
     */
    static final class NoSessions extends SessionHandler {
        @Override public boolean handle(Request request, Response response, Callback callback) throws Exception {
            Handler next = getHandler();
            return next != null && next.handle(request, response, callback);
        }
    }

    public int port() { return app.port(); }

    public ServerOptions options() { return options; }

    /** Files moved aside and other findings of loading the data directory. */
    public ModelStore.LoadReport loadReport() { return loadReport; }

    ModelService models() { return models; }

    JobService jobs() { return jobs; }

    GalleryService gallery() { return gallery; }

    /** Stops training (unfinished models are kept as interrupted), closes event streams, stops HTTP. */
    public void stop() {
        jobs.close();
        dynamicsJobs.close();
        events.close();
        app.stop();
    }

}
