package lstmexplorer.web;

import static lstmexplorer.web.OpenApi.array;
import static lstmexplorer.web.OpenApi.integer;
import static lstmexplorer.web.OpenApi.map;
import static lstmexplorer.web.OpenApi.nullable;
import static lstmexplorer.web.OpenApi.number;
import static lstmexplorer.web.OpenApi.object;
import static lstmexplorer.web.OpenApi.str;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/scoreboard}: the cell scoreboard, served as {@code bench --cells all --seeds 1,2,3 --max-seconds 20
 * --out src/main/resources/scoreboard.json} wrote it. It is measured once, on purpose: training 24 × 3 models on
 * every request would take minutes.
 */
final class Scoreboard {
    static final String RESOURCE = "/scoreboard.json";
    static final String COMMAND = "java -jar target/lstm-explorer.jar bench --cells all --seeds 1,2,3 --max-seconds 20 "
            + "--out src/main/resources/scoreboard.json";

    private static volatile byte[] body;

    private Scoreboard() {}

    static void handle(Context ctx) {
        byte[] json = load();
        if (json == null) {
            HttpErrors.write(ctx, 404, "no scoreboard", "this build has no " + RESOURCE + "; make it with: " + COMMAND, Map.of());
            return;
        }
        ctx.contentType("application/json").result(json);
    }

    private static byte[] load() {
        byte[] b = body;
        if (b != null) return b;
        try (InputStream in = Scoreboard.class.getResourceAsStream(RESOURCE)) {
            if (in == null) return null;
            b = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        body = b;
        return b;
    }

    /** The OpenAPI schema of the response: one row per task × cell type. */
    static Map<String, Object> schema() {
        Map<String, Object> median = number("median over the seeds; null unless more than half of them reached it");
        Map<String, Object> seed = object(List.of("seed"),
                "seed", map("type", "integer"),
                "sequences_to_learn", nullable(map("type", "integer", "description", "training sequences until 100% test accuracy; null if never")),
                "seconds_to_learn", nullable(number(null)),
                "test_accuracy", number("share of test sequences predicted perfectly at the end"),
                "generalization_accuracy", number("the same on the longer generalisation sequences"),
                "curve", array(array(map("type", "number"), null), "evaluations as [sequences, loss, testAccuracy]"));
        Map<String, Object> row = object(List.of("task", "cell"),
                "task", str(null), "cell", str(null),
                "parameters", map("type", "integer", "description", "of the first seed's model (default task size)"),
                "threads", integer(1, 1024, null, "training threads"),
                "timesteps_per_second", number("training throughput: real timesteps of forward + backward + Adam update per second"),
                "sequences_to_learn", nullable(median), "seconds_to_learn", nullable(median),
                "test_accuracy", number("median final test accuracy"), "generalization_accuracy", number("median final generalisation accuracy"),
                "trace_100_ms", number("milliseconds to trace 100 test sequences one by one"),
                "seeds", array(map("type", "integer"), null), "seeds_learned", map("type", "integer", "description", "seeds that reached 100%"),
                "per_seed", array(seed, null));
        return array(row, "one row per task × cell type");
    }
}
