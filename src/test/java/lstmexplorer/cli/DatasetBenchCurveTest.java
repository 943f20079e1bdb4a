package lstmexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import lstmexplorer.TestTexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --dataset --curve-every}: the run's line-position |r| along training, measured as the server's probes measure it. */
class DatasetBenchCurveTest {
    @Test
    void theCurveEndsAtTheFigureTheServersProbesGive(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("code.txt");
        Files.writeString(text, TestTexts.code(400, 3));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"bench", "--dataset", text.toString(), "--hidden", "6", "--steps", "12", "--curve-every", "4",
                "--threads", "1", "--seed", "2", "--json"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(OutputStream.nullOutputStream()));
        assertEquals(0, code);
        String[] lines = out.toString(StandardCharsets.UTF_8).trim().split("\n");
        JsonNode row = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals(12, row.get("steps").asInt());
        JsonNode curve = row.get("curve");
        assertEquals(3, curve.size(), curve.toString());
        for (int k = 0; k < 3; k++) {
            JsonNode point = curve.get(k);
            assertEquals(4 * (k + 1), point.get("step").asInt());
            double r = point.get("line_position_r").asDouble();
            assertTrue(r > 0 && r <= 1, point.toString());
            assertTrue(point.get("bits_per_character").asDouble() > 0, point.toString());
        }
        // the last point is the trained model, which the server's probes measured over HTTP
        assertEquals(row.get("line_position_r").asDouble(), curve.get(2).get("line_position_r").asDouble(), 1e-9);
        assertEquals(row.get("bits_per_character").asDouble(), curve.get(2).get("bits_per_character").asDouble(), 1e-9);
    }
}
