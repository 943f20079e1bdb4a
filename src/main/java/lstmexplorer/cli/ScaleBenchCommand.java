package lstmexplorer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import lstmexplorer.analysis.Analyses;
import lstmexplorer.analysis.Hypothesis;
import lstmexplorer.analysis.ProbeLeaderboard;
import lstmexplorer.io.Datasets;
import lstmexplorer.io.PyTorchStateDict;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.service.JobService;
import lstmexplorer.service.Json;
import lstmexplorer.service.ModelInfo;
import lstmexplorer.service.ModelService;
import lstmexplorer.service.ModelStore;
import lstmexplorer.service.Slice;
import lstmexplorer.service.TaskCatalog;
import lstmexplorer.service.TraceEncoding;
import lstmexplorer.service.TracePrecision;
import lstmexplorer.service.TraceService;
import lstmexplorer.task.Tasks;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.train.TrainedModel;

/**
 * {@code bench-scale}: how the server copes with models of real size. The models are seeded random
 * LSTMs over a 90-character vocabulary that contains the counter task's characters, attached to that
 * task so that the analyses run over its test set; their weights mean nothing, their sizes are real.
 */
final class ScaleBenchCommand {
    static final String USAGE = """
            bench-scale [--hidden 256] [--layers 2] [--repeat 5] [--warmups 10] [--memory-hidden 512] [--trace-only] [--json]
              With a seeded random LSTM of that size (vocabulary of 90, attached to the counter task): import of its
              PyTorch export through the service, a 2,000-character trace with every vector of every layer (forward
              pass alone, in the precision the trace route computes by default for that size and in the other one,
              then as the route serves it by default, as JSON and as ?encoding=f32; --trace-only stops after the forward
              passes), probes over every layer x vector x unit on the
              test set, gate saturation, and select & match; the median of --repeat runs after --warmups runs (the JIT
              compiles a pass while it runs; bench/warmup.sh shows the trace's forward pass run by run). Then the
              heap: the peak and the live heap while a 2 x --memory-hidden model is imported, traced (f32) and probed.
              Run it with -Xmx1g to see that this fits in 1 GB. Prints the README's table, then the heap and the load
              average before and after; --json prints every figure instead, and each forward pass's runs in the order they ran
              (trace_forward_single_runs_ms, trace_forward_double_runs_ms).""";
    static final int INPUT_LENGTH = 2000;

    private ScaleBenchCommand() {}

    static int run(List<String> argv, PrintStream out) throws IOException {
        Args args = new Args(argv, Set.of("hidden", "layers", "repeat", "warmups", "memory-hidden"), Set.of("json", "trace-only"));
        int hidden = args.integer("hidden", 256, 1, 1024), layers = args.integer("layers", 2, 1, 4);
        int repeat = args.integer("repeat", 5, 1, 100), warmups = args.integer("warmups", 10, 0, 100), memoryHidden = args.integer("memory-hidden", 512, 1, 1024);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", layers + " x " + hidden + " lstm, vocabulary 90, random weights (seed 1)");
        result.put("processors", Runtime.getRuntime().availableProcessors());
        result.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);

        String load = MechanismBenchCommand.loadAverage();
        Path dir = Files.createTempDirectory("lstm-explorer-bench");
        try (JobService jobs = new JobService(1, 1)) {
            ObjectMapper json = Json.newMapper();
            TaskCatalog tasks = new TaskCatalog();
            ModelStore store = new ModelStore(dir, json);
            store.load();
            ModelService models = new ModelService(store, jobs, tasks, 1000);
            TraceService traces = new TraceService(models, tasks, json, 0);
            Analyses analysis = new Analyses();

            TrainedModel model = seeded(hidden, layers);
            byte[] export = export(model);
            result.put("export_mb", export.length / 1e6);
            result.put("import_ms", median(warmups, repeat, () -> {
                ModelInfo info = models.importModel(new ByteArrayInputStream(export), export.length, null, null);
                models.delete(info.id());
            }));
            String id = models.importModel(new ByteArrayInputStream(export), export.length, null, null).id();
            TrainedModel stored = models.find(id).orElseThrow().model();
            String input = input(stored.vocabulary());
            TracePrecision served = TracePrecision.forHidden(hidden);
            result.put("trace_precision", served.id());
            for (TracePrecision p : TracePrecision.values()) {
                double[] runs = Timing.millis(warmups, repeat, () -> lstmexplorer.trace.Trace.of(stored, List.of(input), p.single()));
                result.put("trace_forward_" + p.id() + "_ms", Timing.median(runs));
                result.put("trace_forward_" + p.id() + "_runs_ms", Arrays.stream(runs).map(Math::rint).toArray());
            }
            result.put("trace_forward_ms", result.get("trace_forward_" + served.id() + "_ms"));
            if (args.flag("trace-only")) {
                models.delete(id);
                result.put("load_average", load + " before, " + MechanismBenchCommand.loadAverage() + " after");
                if (args.flag("json")) out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
                else {
                    traceRows(result, layers, out);
                    out.printf("load average %s%n", result.get("load_average"));
                }
                return 0;
            }
            for (TraceEncoding encoding : TraceEncoding.values()) {
                int[] bytes = new int[1];
                result.put("trace_" + encoding.id() + "_ms", median(warmups, repeat, () ->
                        bytes[0] = traces.traceJson(id, input, Slice.ALL, encoding, null).json().length));
                result.put("trace_" + encoding.id() + "_mb", bytes[0] / 1e6);
            }
            int[] series = new int[1];
            result.put("probes_ms", median(warmups, repeat, () -> {
                ProbeLeaderboard p = analysis.probes(stored, 20);
                series[0] = p.pairs();
            }));
            result.put("probe_pairs", series[0]);
            result.put("saturation_ms", median(warmups, repeat, () -> analysis.gateSaturation(stored)));
            String sequence = Datasets.read(Tasks.byName("counter").orElseThrow(), Datasets.Split.TEST).get(0);
            int[] matches = new int[2];
            result.put("select_and_match_ms", median(warmups, repeat, () -> {
                Hypothesis h = analysis.hypothesis(stored, "\n" + sequence, layers - 1, "hidden", 2, 4, 0.0, 20);
                matches[0] = h.selection().units().size();
                matches[1] = h.totalMatches();
            }));
            result.put("select_units", matches[0]);
            result.put("select_matches", matches[1]);
            models.delete(id);

            result.putAll(memory(models, traces, analysis, memoryHidden));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
        result.put("load_average", load + " before, " + MechanismBenchCommand.loadAverage() + " after");
        if (args.flag("json")) out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        else table(result, layers, hidden, out);
        return 0;
    }

    /** The README's table, then the heap and the load as lines. */
    private static void table(Map<String, Object> r, int layers, int hidden, PrintStream out) {
        int series = layers * 6 * hidden;
        out.println("| what | ms | size |");
        out.println("|---|---|---|");
        row(out, "import of its PyTorch export (parse as it streams, check, save)", r.get("import_ms"), mb(r.get("export_mb")));
        traceRows(r, layers, out);
        row(out, "the same trace as the route serves it by default (" + r.get("trace_precision") + " precision, as JSON)",
                r.get("trace_json_ms"), mb(r.get("trace_json_mb")));
        row(out, "the same trace with `?encoding=f32`", r.get("trace_f32_ms"), mb(r.get("trace_f32_mb")));
        row(out, String.format(Locale.ROOT, "probes: %d × 6 × %d = %,d series × 3 variables (%,d pairs) on the test set", layers, hidden, series,
                ((Number) r.get("probe_pairs")).intValue()), r.get("probes_ms"), "");
        row(out, "gate saturation on the test set", r.get("saturation_ms"), "");
        row(out, "select & match (layer " + layers + " hidden, timesteps 2–4, threshold 0)", r.get("select_and_match_ms"), "");
        out.printf(Locale.ROOT, "%nmemory, %s: trace (f32) %.1f MB, %,d probe pairs; heap %.1f MB before, %.1f MB at the peak, %.1f MB live after%n",
                r.get("memory_model"), (Double) r.get("memory_trace_f32_mb"), ((Number) r.get("memory_probe_pairs")).intValue(),
                (Double) r.get("heap_before_mb"), (Double) r.get("heap_peak_mb"), (Double) r.get("heap_live_after_mb"));
        out.printf("max heap %s MB, %s processors; load average %s%n", r.get("max_heap_mb"), r.get("processors"), r.get("load_average"));
    }

    /** The forward pass of the trace, first in the precision the route serves by default, then in the other one. */
    private static void traceRows(Map<String, Object> r, int layers, PrintStream out) {
        TracePrecision served = TracePrecision.of((String) r.get("trace_precision"));
        TracePrecision other = served.single() ? TracePrecision.DOUBLE : TracePrecision.SINGLE;
        row(out, "trace of " + String.format(Locale.ROOT, "%,d", INPUT_LENGTH) + " characters, forward pass alone (all 6 vectors of "
                + (layers == 1 ? "the layer" : layers == 2 ? "both layers" : "all " + layers + " layers") + "), " + served.id()
                + " precision: the trace route's default at this size", r.get("trace_forward_" + served.id() + "_ms"), "");
        row(out, "the same forward pass in " + other.id() + " precision (`?precision=" + other.id() + "`)", r.get("trace_forward_" + other.id() + "_ms"), "");
    }

    private static void row(PrintStream out, String what, Object ms, String size) {
        out.printf(Locale.ROOT, "| %s | %,.0f | %s |%n", what, (Double) ms, size);
    }

    private static String mb(Object megabytes) { return String.format(Locale.ROOT, "%.1f MB", (Double) megabytes); }

    /** Import, trace (f32) and probe a 2 × {@code hidden} model, watching the heap. */
    private static Map<String, Object> memory(ModelService models, TraceService traces, Analyses analysis, int hidden) {
        Map<String, Object> m = new LinkedHashMap<>();
        byte[] export = export(seeded(hidden, 2));
        m.put("memory_model", "2 x " + hidden + " lstm, export " + Math.round(export.length / 1e6) + " MB");
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long before = used();
        String id = models.importModel(new ByteArrayInputStream(export), export.length, null, null).id();
        TrainedModel stored = models.find(id).orElseThrow().model();
        int length = traces.traceJson(id, input(stored.vocabulary()), Slice.ALL, TraceEncoding.F32, null).json().length;
        int pairs = analysis.probes(stored, 20).pairs();
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.gc();
        long live = used();
        m.put("memory_trace_f32_mb", length / 1e6);
        m.put("memory_probe_pairs", pairs);
        m.put("heap_before_mb", before / 1e6);
        m.put("heap_peak_mb", peak / 1e6);
        m.put("heap_live_after_mb", live / 1e6);
        models.delete(id);
        return m;
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** A seeded random LSTM over the newline and the printable ASCII characters from space to 'x'. */
    static TrainedModel seeded(int hidden, int layers) {
        StringBuilder chars = new StringBuilder("\n");
        for (char c = 32; c <= 120; c++) chars.append(c);
        Vocabulary vocab = Vocabulary.of(chars.toString());
        return new TrainedModel("counter", vocab, Network.initialized(new NetworkConfig("lstm", vocab.size(), hidden, layers), new Random(1)), null);
    }

    private static byte[] export(TrainedModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PyTorchStateDict.write(model, "lstm.", "decoder.", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** 2,000 seeded random characters of the vocabulary. */
    private static String input(Vocabulary vocab) {
        Random random = new Random(2);
        StringBuilder s = new StringBuilder();
        for (int t = 0; t < INPUT_LENGTH; t++) s.append(vocab.chars().get(random.nextInt(vocab.size())));
        return s.toString();
    }

    /** Milliseconds, the median of {@code repeat} runs after {@code warmups} runs. */
    private static double median(int warmups, int repeat, Runnable task) { return Timing.median(Timing.millis(warmups, repeat, task)); }
}
