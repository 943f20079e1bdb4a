package lstmexplorer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lstmexplorer.analysis.Probe;
import lstmexplorer.analysis.ProbeLeaderboard;
import lstmexplorer.analysis.TracedSequences;
import lstmexplorer.io.ModelFile;
import lstmexplorer.model.Network;
import lstmexplorer.service.ClientLimits;
import lstmexplorer.task.CorpusTask;
import lstmexplorer.train.Progress;
import lstmexplorer.train.TrainedModel;
import lstmexplorer.train.Trainer;
import lstmexplorer.train.TrainingConfig;
import lstmexplorer.train.TrainingListener;
import lstmexplorer.train.TrainingResult;
import lstmexplorer.train.TrainingSummary;
import lstmexplorer.web.Server;
import lstmexplorer.web.ServerOptions;

/**
 * {@code bench --dataset FILE}: a char-LSTM on your own text. Per hidden size: training throughput over a
 * fixed number of steps after a warm-up, then a run of {@code --max-seconds} and its held-out bits per
 * character, next-character accuracy and the best unit's |r| with the line position. Then the model is
 * imported into a server started here (an empty data directory, no gallery, on a free port) and the two
 * answers a person waits for are timed over HTTP, as a browser asks them: the text view of 20,000 test
 * characters, and the probe leaderboard on its first request (nothing cached).
 */
final class DatasetBenchCommand {
    static final String USAGE = """
            bench --dataset FILE [--kind text|lines] [--hidden 64,128] [--max-seconds S] [--steps N] [--threads N] [--seed N]
                  [--lr X] [--curve-every N] [--json]
              Training on your own text, windows of 100, batch 32, Adam --lr (default 0.01) from --seed (default 1):
              throughput (timesteps/s over 100 steps after 20 of warm-up), then a run of --max-seconds (default 120) or
              --steps, its held-out bits per character,
              next-character accuracy and the best |r| of a hidden or cell unit with the line position; then, through a server started
              on a free port, the answer times of POST /api/models/{id}/text over 20,000 test characters (median of 5
              after one) and of GET /api/models/{id}/probes on its first request. --curve-every N also measures the run's
              held-out bits per character and best line-position |r| every N steps, as the probes compute it (the
              curve in --json; with --steps, since the measuring takes time from a run of --max-seconds). --json prints one
              line per model.""";
    private static final int WARMUP_STEPS = 20, MEASURED_STEPS = 100, TEXT_REPEATS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private DatasetBenchCommand() {}

    static int run(List<String> argv, PrintStream out) throws IOException {
        Args args = new Args(argv, Set.of("dataset", "kind", "hidden", "max-seconds", "steps", "threads", "seed", "lr", "curve-every"), Set.of("json"));
        String file = args.required("dataset");
        String kind = args.string("kind", "text");
        CorpusTask task = TrainCommand.corpusTask(new Args(List.of("--data-file", file, "--kind", kind), Set.of("data-file", "kind"), Set.of()));
        int threads = args.integer("threads", Math.min(2, Runtime.getRuntime().availableProcessors()), 1, 64);
        double maxSeconds = args.number("max-seconds", 120, 1, 3600);
        int steps = args.integer("steps", 0, 0, Integer.MAX_VALUE);
        int seed = args.integer("seed", 1, 0, Integer.MAX_VALUE);
        double learningRate = args.number("lr", TrainingConfig.defaults(task).learningRate(), 1e-6, 1);
        int curveEvery = args.integer("curve-every", 0, 0, Integer.MAX_VALUE);
        boolean json = args.flag("json");
        Trainer trainer = new Trainer(task, task.trainSequences(), task.testSequences(), List.of());
        if (!json) {
            out.printf("%s: %,d characters, vocabulary %d, windows of %d, batch %d, Adam %s, seed %d, %d thread(s), %s%n",
                    task.corpus().name(), task.corpus().text().length(), task.vocabulary().size(), task.window(), TrainingConfig.DEFAULT_BATCH,
                    learningRate, seed, threads, steps > 0 ? steps + " steps" : maxSeconds + " s");
            out.printf("%-7s %12s %8s %8s %10s %10s %12s %14s %12s%n", "model", "timesteps/s", "steps", "seconds", "bits/char",
                    "next-char", "|r| line pos", "text view 20k", "probes");
        }
        Path data = Files.createTempDirectory("lstm-explorer-bench-dataset");
        Server server = Server.start(ServerOptions.defaults().withPort(0).withDataDir(data).withGallery(false).withWorkers(1)
                .withClients(ClientLimits.unlimited()));
        try {
            Http http = new Http("http://127.0.0.1:" + server.port());
            String dataset = http.send("POST", "/api/datasets?name=" + URLEncoder.encode(task.corpus().name(), StandardCharsets.UTF_8)
                    + "&kind=" + kind, "text/plain", Files.readString(Path.of(file))).get("id").asText();
            for (String h : BenchCommand.list(args.string("hidden", "64,128"))) {
                int hidden = Integer.parseInt(h);
                TrainingConfig base = TrainingConfig.defaults(task).withHidden(hidden).withWindow(task.window()).withThreads(threads)
                        .withMaxSeconds(maxSeconds).withSeed(seed).withLearningRate(learningRate);
                trainer.train(base.withSteps(WARMUP_STEPS).withEvaluateEvery(WARMUP_STEPS));
                TrainingSummary timed = trainer.train(base.withSteps(MEASURED_STEPS).withEvaluateEvery(MEASURED_STEPS)).summary();
                // the curve: held-out bits per character and the best line-position unit along the run
                List<Map<String, Object>> curve = new ArrayList<>();
                TrainingListener listener = curveEvery == 0 ? TrainingListener.NONE : new TrainingListener() {
                    @Override public void onEvaluation(Progress progress, Network network) {
                        curve.add(Map.of("step", progress.step(), "bits_per_character", progress.bitsPerCharacter(),
                                "line_position_r", lineR(new TrainedModel(task.name(), task.vocabulary(), network, null), task)));
                    }
                };
                TrainingResult run = trainer.train(base.withSteps(steps).withEvaluateEvery(curveEvery == 0 ? 200 : curveEvery), listener,
                        () -> false);
                TrainingSummary s = run.summary();

                ObjectNode upload = (ObjectNode) JSON.readTree(ModelFile.toJson(new TrainedModel(dataset, task.vocabulary(), run.network(), s)));
                upload.put("dataset", dataset);
                String id = http.send("POST", "/api/models/import", "application/json", upload.toString()).get("id").asText();
                // the probes first: their first request computes the whole ranking
                long t0 = System.nanoTime();
                http.send("GET", "/api/models/" + id + "/probes", null, null);
                double probesMs = (System.nanoTime() - t0) / 1e6;
                // the best |r| with the line position among the hidden and the cell state, as PyTorch's nn.LSTM shows them
                double r = 0;
                for (String vector : List.of("hidden", "cell")) {
                    JsonNode ranking = http.send("GET", "/api/models/" + id + "/probes?layer=0&variable=line_position&vector=" + vector, null,
                            null).get("ranking");
                    if (!ranking.isEmpty()) r = Math.max(r, Math.abs(ranking.get(0).get("r").asDouble()));
                }
                double[] textMs = new double[TEXT_REPEATS];
                int characters = 0;
                for (int k = -1; k < TEXT_REPEATS; k++) {
                    long t1 = System.nanoTime();
                    JsonNode view = http.send("POST", "/api/models/" + id + "/text", "application/json", "{\"vector\":\"cell\",\"unit\":0}");
                    if (k >= 0) textMs[k] = (System.nanoTime() - t1) / 1e6;
                    characters = view.get("values").size();
                }
                Arrays.sort(textMs);

                Map<String, Object> row = new LinkedHashMap<>();
                row.put("dataset", task.corpus().name());
                row.put("characters", task.corpus().text().length());
                row.put("vocabulary", task.vocabulary().size());
                row.put("hidden", hidden);
                row.put("threads", threads);
                row.put("seed", seed);
                row.put("learning_rate", learningRate);
                row.put("timesteps_per_second", timed.timesteps() / timed.seconds());
                row.put("steps", s.steps());
                row.put("seconds", s.seconds());
                row.put("bits_per_character", s.bitsPerCharacter());
                row.put("next_char_accuracy", s.nextCharAccuracy());
                row.put("line_position_r", r);
                row.put("text_view_characters", characters);
                row.put("text_view_ms", textMs[TEXT_REPEATS / 2]);
                row.put("probes_first_ms", probesMs);
                if (curveEvery > 0) row.put("curve", curve);
                if (json) out.println(JSON.writeValueAsString(row));
                else out.printf("1×%-5d %,12.0f %,8d %8.1f %10.3f %9.1f%% %12.2f %9.0f ms %,6d %9.0f ms%n", hidden,
                        timed.timesteps() / timed.seconds(), s.steps(), s.seconds(), s.bitsPerCharacter(), 100 * s.nextCharAccuracy(), r,
                        textMs[TEXT_REPEATS / 2], characters, probesMs);
            }
        } finally {
            server.stop();
            try (var files = Files.walk(data)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    /**
     * The best |r| of a hidden or cell unit of layer 0 with the line position over the task's test windows,
     * computed in this process as the probe leaderboard computes it for the server.
     */
    static double lineR(TrainedModel model, CorpusTask task) {
        ProbeLeaderboard board = ProbeLeaderboard.compute(task, TracedSequences.of(model, task, task.testSequences()), Integer.MAX_VALUE);
        double r = 0;
        for (Probe p : board.forVariable("line_position"))
            if (p.layer() == 0 && (p.vector().equals("hidden") || p.vector().equals("cell"))) r = Math.max(r, Math.abs(p.r()));
        return r;
    }

    /** JSON over HTTP to the server started here; anything but a 2xx ends the bench with its answer. */
    private record Http(String base) {
        private static final HttpClient CLIENT = HttpClient.newHttpClient();

        JsonNode send(String method, String path, String contentType, String body) throws IOException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
            if (contentType != null) b.header("Content-Type", contentType);
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> answer;
            try {
                answer = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted waiting for " + method + " " + path);
            }
            if (answer.statusCode() / 100 != 2)
                throw new IOException(method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
            return JSON.readTree(answer.body());
        }
    }
}
