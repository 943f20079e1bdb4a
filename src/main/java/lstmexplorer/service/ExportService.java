package lstmexplorer.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lstmexplorer.io.AtomicFiles;
import lstmexplorer.io.Datasets.Split;
import lstmexplorer.io.ModelFile;
import lstmexplorer.io.PyTorchStateDict;
import lstmexplorer.trace.Trace;

/**
 * Downloads: the model file itself, a PyTorch state_dict, or traces of dataset sequences in Edwin
 * Chen's lstm-explorer format or as a flat CSV table.
 */
public record ExportService(ModelService models, TraceService traces, ObjectMapper json) {
    public record Download(String fileName, String contentType, byte[] body) {}

    public static final List<String> FORMATS = List.of("model", "pytorch", "echen", "csv");

    /** Our vector names under the names the original explorer uses: cs, hs, f_gate, i_gate, j_gate, o_gate + layer. */
    private static final Map<String, String> ECHEN = Map.of("cell", "cs", "hidden", "hs", "forget_gate", "f_gate",
            "input_gate", "i_gate", "candidate", "j_gate", "output_gate", "o_gate");

    /** A file written straight into one byte array (a 2 × 512 model is tens of megabytes: no string copies). */
    private static byte[] bytes(AtomicFiles.Content content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try {
            content.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A model file, or traces of a page of its dataset (n and offset may be left out for their defaults). */
    public Download export(String id, String format, String splitName, Integer n, Integer offset) {
        if (format == null || !FORMATS.contains(format))
            throw ServiceException.badParameter("format", "format must be one of " + FORMATS + "; got '" + format + "'");
        ModelRecord r = models.requireWeights(id);
        switch (format) {
            case "model":
                return new Download(id + ".json", "application/json", bytes(out -> ModelFile.write(r.model(), out)));
            case "pytorch":
                String cell = r.cell();
                if (!List.of("lstm", "gru", "rnn").contains(cell))
                    throw ServiceException.badParameter("format", "PyTorch has no " + cell + " layer; pytorch export supports lstm, gru and rnn models");
                return new Download(id + ".pytorch.json", "application/json",
                        bytes(out -> PyTorchStateDict.write(r.model(), "lstm.", "decoder.", out)));
            default:
                break;
        }
        Split split = Validator.split(splitName);
        int count = Validator.check("n", n, Limits.EXPORT_SAMPLES), first = Validator.check("offset", offset, Limits.OFFSET);
        List<String> all = traces.tasksSequences(r, split);
        Validator.check("offset", first, 0, all.size());
        List<String> sequences = all.subList(first, Math.min(all.size(), first + count));
        if (format.equals("echen")) return new Download(id + "-" + split.id() + ".echen.json", "application/json", echen(r, split, first, sequences));
        List<Trace> list = Trace.of(r.model(), TraceService.inputsFor(sequences));
        return new Download(id + "-" + split.id() + ".csv", "text/csv; charset=utf-8", csv(r, first, list));
    }

    /**
     * The one object the original explorer reads: {@code chars} holds the sequences one after another,
     * each with its final newline, and {@code cs0}, {@code hs0}, … hold [unit][timestep], value t being
     * the unit after reading {@code chars[t]}. Each sequence s is read as in training, from the zero
     * state and the start token ("\n" + s), and the start token's own timestep is left out. A cell
     * without some vector (a GRU has no cell state) leaves its key out.
     */
    private byte[] echen(ModelRecord r, Split split, int offset, List<String> sequences) {
        List<Trace> list = Trace.of(r.model(), sequences.stream().map(s -> "\n" + s).toList());
        int length = sequences.stream().mapToInt(String::length).sum();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", r.id() + " " + split.id() + " " + offset + "-" + (offset + sequences.size() - 1));
        List<String> chars = new ArrayList<>(length);
        for (String s : sequences) for (char ch : s.toCharArray()) chars.add(String.valueOf(ch));
        out.put("chars", chars);
        for (int l = 0; l < r.layers(); l++) {
            for (String vector : list.get(0).layers().get(l).vectors().keySet()) {
                if (!ECHEN.containsKey(vector)) continue;
                double[][] rows = new double[r.hidden()][length];
                int at = 0;
                for (Trace t : list) {
                    double[][] values = t.layers().get(l).vectors().get(vector);
                    for (int step = 1; step < values.length; step++, at++)
                        for (int u = 0; u < rows.length; u++) rows[u][at] = values[step][u];
                }
                out.put(ECHEN.get(vector) + l, rows);
            }
        }
        try {
            return json.writeValueAsBytes(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] csv(ModelRecord r, int offset, List<Trace> list) {
        StringBuilder sb = new StringBuilder("model,sequence,timestep,char,layer,vector,unit,value\n");
        String model = csvField(r.id());
        for (int k = 0; k < list.size(); k++) {
            Trace t = list.get(k);
            for (int step = 0; step < t.length(); step++) {
                String ch = csvField(display(t.input().charAt(step)));
                for (int l = 0; l < t.layers().size(); l++) {
                    for (Map.Entry<String, double[][]> e : t.layers().get(l).vectors().entrySet()) {
                        double[] row = e.getValue()[step];
                        for (int u = 0; u < row.length; u++)
                            sb.append(model).append(',').append(offset + k).append(',').append(step).append(',').append(ch).append(',')
                                    .append(l).append(',').append(e.getKey()).append(',').append(u).append(',').append(row[u]).append('\n');
                    }
                }
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The newline as the two characters \n, so every row stays on one line. */
    private static String display(char ch) {
        return ch == '\n' ? "\\n" : ch == '\r' ? "\\r" : ch == '\t' ? "\\t" : String.valueOf(ch);
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
