package lstmexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench --shard K/N and bench merge: three shards merged are the unsharded run. */
class BenchShardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fixed steps make training deterministic; only the clock-based fields differ from run to run. */
    private static final List<String> TINY = List.of("--tasks", "anbn,counter", "--cells", "lstm,gru", "--seeds", "1,2",
            "--train-max", "3,4", "--steps", "30", "--throughput-steps", "5", "--threads", "1", "--commit", "abc123");
    private static final List<String> TIMING = List.of("timesteps_per_second", "seconds_to_learn", "trace_100_ms");

    @TempDir Path dir;

    @Test
    void threeShardsMergedEqualTheUnshardedRun() throws Exception {
        Path whole = dir.resolve("whole.json");
        assertEquals(0, bench(with(List.of("--out", whole.toString()))));
        List<String> merge = new ArrayList<>(List.of("bench", "merge"));
        int lines = 0;
        for (int k = 0; k < 3; k++) {
            Path shard = dir.resolve("shard-" + k + ".jsonl");
            assertEquals(0, bench(with(List.of("--shard", k + "/3", "--out", shard.toString()))));
            List<String> text = Files.readAllLines(shard);
            assertTrue(text.get(0).startsWith("{\"bench\":{\"commit\":\"abc123\""), text.get(0));
            for (String line : text.subList(1, text.size())) assertEquals(k, JSON.readTree(line).get("config").asInt() % 3, line);
            lines += text.size() - 1;
            merge.add(shard.toString());
        }
        assertEquals(2 * 2 * 2 * 2, lines, "tasks × cells × ranges × seeds configurations, each in exactly one shard");
        Path merged = dir.resolve("merged.json");
        merge.addAll(List.of("--out", merged.toString()));
        assertEquals(0, Cli.run(merge.toArray(String[]::new), quiet(), quiet()));

        JsonNode a = JSON.readTree(whole.toFile()), b = JSON.readTree(merged.toFile());
        assertEquals("abc123", a.get("commit").asText());
        assertEquals("abc123", b.get("commit").asText());
        assertTrue(a.get("command").asText().startsWith("java -jar target/lstm-explorer.jar bench --tasks anbn,counter"));
        assertEquals(8, a.get("rows").size(), "a row per task × cell × range");
        assertEquals(withoutTiming(a.get("rows")), withoutTiming(b.get("rows")));
        JsonNode row = a.get("rows").get(0);
        assertEquals(List.of("anbn", "lstm", 3), List.of(row.get("task").asText(), row.get("cell").asText(), row.get("train_max").asInt()));
        assertEquals(2, row.get("per_seed").size());
        assertTrue(row.get("timesteps_per_second").asDouble() > 0);
    }

    @Test
    void aCommandMeasuredAgainReplacesItsEarlierRunInTheScoreboard() throws Exception {
        List<String> small = List.of("bench", "--tasks", "counter", "--cells", "lstm", "--seeds", "1", "--steps", "10",
                "--throughput-steps", "5", "--threads", "1");
        Path board = dir.resolve("board.json"), again = dir.resolve("again.jsonl"), other = dir.resolve("other.jsonl");
        List<String> first = new ArrayList<>(small);
        first.addAll(List.of("--commit", "aaa111", "--out", board.toString()));
        assertEquals(0, bench(first));
        List<String> second = new ArrayList<>(small);
        second.addAll(List.of("--commit", "bbb222", "--shard", "0/1", "--out", again.toString()));
        assertEquals(0, bench(second));
        List<String> third = new ArrayList<>(List.of("bench", "--tasks", "anbn", "--cells", "gru", "--seeds", "1", "--steps", "10",
                "--throughput-steps", "5", "--threads", "1", "--commit", "ccc333", "--shard", "0/1", "--out", other.toString()));
        assertEquals(0, bench(third));
        Path merged = dir.resolve("merged.json");
        assertEquals(0, Cli.run(new String[] {"bench", "merge", board.toString(), again.toString(), other.toString(), "--out",
                merged.toString()}, quiet(), quiet()));
        JsonNode b = JSON.readTree(merged.toFile());
        List<String> commits = new ArrayList<>();
        for (JsonNode run : b.get("runs")) commits.add(run.get("commit").asText());
        assertEquals(List.of("bbb222", "ccc333"), commits, "the counter run measured again replaces the earlier one: " + b.get("runs"));
        assertEquals(2, b.get("rows").size(), "counter lstm (measured again) and anbn gru");
    }

    @Test
    void badShardsAreUsageErrors() throws Exception {
        for (String shard : List.of("3/3", "-1/3", "1", "a/b", "0/0"))
            assertEquals(2, bench(with(List.of("--shard", shard))), shard);
        assertEquals(2, Cli.run(new String[] {"bench", "merge"}, quiet(), quiet()));
    }

    @Test
    void theWarmUpIsAStepCountOfAtLeastOne() {
        List<String> throughput = List.of("bench", "--tasks", "counter", "--seeds", "1", "--throughput-only", "--throughput-steps", "3",
                "--threads", "1", "--warmup-steps");
        assertEquals(0, bench(with(throughput, "4")));
        assertEquals(2, bench(with(throughput, "0")), "no warm-up at all is a usage error, not a silent default");
        assertEquals(2, bench(with(throughput, "many")));
    }

    private static List<String> with(List<String> args, String last) {
        List<String> all = new ArrayList<>(args);
        all.add(last);
        return all;
    }

    private static JsonNode withoutTiming(JsonNode rows) {
        JsonNode copy = rows.deepCopy();
        for (JsonNode row : copy) {
            for (String key : TIMING) ((ObjectNode) row).remove(key);
            for (JsonNode seed : row.get("per_seed")) for (String key : TIMING) ((ObjectNode) seed).remove(key);
        }
        return copy;
    }

    private static List<String> with(List<String> more) {
        List<String> args = new ArrayList<>(List.of("bench"));
        args.addAll(TINY);
        args.addAll(more);
        return args;
    }

    private static int bench(List<String> args) { return Cli.run(args.toArray(String[]::new), quiet(), quiet()); }

    private static PrintStream quiet() { return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8); }
}
