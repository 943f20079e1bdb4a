package lstmexplorer.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lstmexplorer.model.Network;
import lstmexplorer.model.NetworkConfig;
import lstmexplorer.model.Parameter;
import lstmexplorer.task.Vocabulary;
import lstmexplorer.train.TrainedModel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * PyTorch interoperability: {@code {"vocab": [...], "state_dict": {name: nested lists}}} with the names
 * {@code nn.LSTM}, {@code nn.GRU} or {@code nn.RNN} write ({@code weight_ih_l0} [G·H, I],
 * {@code weight_hh_l0} [G·H, H], {@code bias_ih_l0}, {@code bias_hh_l0}, {@code _l1}… for further
 * layers, under any prefix) and one {@code nn.Linear} decoder ({@code *.weight} [V, H], {@code *.bias} [V]).
 * Inputs are one-hot over {@code vocab}. PyTorch multiplies W·x with W as [out, in]; we keep W as
 * [in, out] for x·W, so every weight is transposed on the way in and out. Gate blocks keep PyTorch's
 * order (LSTM i, f, g, o; GRU r, z, n). The LSTM and RNN add the two biases into one; the GRU keeps
 * them apart because PyTorch puts b_hn inside r∘(W_hn·h + b_hn).
 */
public final class PyTorchStateDict {
    private static final Pattern RECURRENT = Pattern.compile("^(.*?)(weight_ih|weight_hh|bias_ih|bias_hh|weight_hr)_l(\\d+)(_reverse)?$");

    private PyTorchStateDict() {}

    static TrainedModel read(JsonNode root, Map<String, Tensor> dict, ShapeBounds bounds) {
        Vocabulary vocab = ModelFile.readVocabulary(root.path("vocab"));
        Map<Integer, Map<String, Tensor>> layers = new TreeMap<>();
        Map<String, Tensor> others = new TreeMap<>();
        String prefix = null;
        for (Map.Entry<String, Tensor> e : dict.entrySet()) {
            Matcher m = RECURRENT.matcher(e.getKey());
            if (m.matches()) {
                if (m.group(4) != null)
                    throw new ModelFormatException("bidirectional layers are unsupported (" + e.getKey() + "): export a model built with bidirectional=False", e.getKey());
                if (m.group(2).equals("weight_hr"))
                    throw new ModelFormatException("LSTM projections are unsupported (" + e.getKey() + "): export a model built without proj_size", e.getKey());
                if (prefix != null && !prefix.equals(m.group(1)))
                    throw new ModelFormatException("recurrent weights under two prefixes: '" + prefix + "' and '" + m.group(1) + "'");
                prefix = m.group(1);
                layers.computeIfAbsent(Integer.parseInt(m.group(3)), k -> new TreeMap<>()).put(m.group(2), e.getValue());
            } else {
                others.put(e.getKey(), e.getValue());
            }
        }
        if (layers.isEmpty()) throw new ModelFormatException("no recurrent layer: expected keys like 'lstm.weight_ih_l0'");
        for (int l = 0; l < layers.size(); l++)
            if (!layers.containsKey(l)) throw new ModelFormatException("layer " + l + " is missing (found layers " + layers.keySet() + ")");

        String hhName = prefix + "weight_hh_l0";
        Tensor hh0 = require(layers.get(0), "weight_hh", hhName);
        if (hh0.dimensions() != 2 || hh0.columns() == 0) throw new ModelFormatException(hhName + " must be a non-empty 2-D list", hhName);
        int hidden = hh0.columns();
        String cell = root.hasNonNull("cell") ? root.get("cell").asText() : switch (hh0.rows() % hidden == 0 ? hh0.rows() / hidden : 0) {
            case 4 -> "lstm";
            case 3 -> "gru";
            case 1 -> "rnn";
            default -> throw new ModelFormatException(hhName + " is " + hh0.describe() + ": for " + hidden
                    + " hidden units expected " + 4 * hidden + " rows (LSTM), " + 3 * hidden + " (GRU) or " + hidden + " (RNN)", hhName);
        };
        if (!List.of("lstm", "gru", "rnn").contains(cell))
            throw new ModelFormatException("PyTorch import supports the cells lstm, gru and rnn; got " + cell);
        int blocks = switch (cell) { case "lstm" -> 4; case "gru" -> 3; default -> 1; };
        bounds.check(hidden, layers.size(), vocab.size());

        for (int l = 0; l < layers.size(); l++) {
            Map<String, Tensor> t = layers.get(l);
            for (String key : List.of("weight_hh", "weight_ih")) {
                String name = prefix + key + "_l" + l;
                Tensor w = require(t, key, name);
                int in = key.equals("weight_hh") ? hidden : l == 0 ? vocab.size() : hidden;
                if (w.dimensions() == 2 && w.rows() == blocks * hidden && w.columns() == in) continue;
                String why = key.equals("weight_ih") && l == 0
                        ? "its columns are the one-hot input over \"vocab\", which has " + vocab.size() + " characters"
                        : "every layer must have the " + hidden + " units of " + hhName;
                throw new ModelFormatException(name + " is " + w.describe() + ": expected " + blocks * hidden + " × " + in
                        + " (" + blocks + " × " + hidden + " " + cell.toUpperCase() + " rows; " + why + ")", name);
            }
        }
        Network network = new Network(new NetworkConfig(cell, vocab.size(), hidden, layers.size()));
        for (int l = 0; l < layers.size(); l++) {
            Map<String, Tensor> t = layers.get(l);
            String at = prefix + "%s_l" + l;
            int in = l == 0 ? vocab.size() : hidden;
            DMatrixRMaj bx = vector(t.get("bias_ih"), blocks * hidden, at.formatted("bias_ih"));
            DMatrixRMaj bh = vector(t.get("bias_hh"), blocks * hidden, at.formatted("bias_hh"));
            List<Parameter> params = network.cell(l).parameters();
            transposeInto(t.get("weight_ih"), blocks * hidden, in, param(params, "W_x"));
            transposeInto(t.get("weight_hh"), blocks * hidden, hidden, param(params, "W_h"));
            if (cell.equals("gru")) {
                param(params, "b_x").setTo(bx);
                param(params, "b_h").setTo(bh);
            } else {
                DMatrixRMaj b = param(params, "b");
                for (int k = 0; k < b.getNumElements(); k++) b.data[k] = bx.data[k] + bh.data[k];
            }
        }
        readDecoder(others, network, vocab.size(), hidden);
        String task = root.hasNonNull("task") ? root.get("task").asText() : null;
        return new TrainedModel(task, vocab, network, null);
    }

    /** Our model as a PyTorch state_dict export (LSTM, GRU and RNN cells), loadable with {@code load_state_dict}. */
    public static String write(TrainedModel model, String recurrentPrefix, String decoderPrefix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(model, recurrentPrefix, decoderPrefix, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The export, streamed number by number to {@code out}. */
    public static void write(TrainedModel model, String recurrentPrefix, String decoderPrefix, OutputStream out) throws IOException {
        Network network = model.network();
        String cell = network.config().cell();
        if (!List.of("lstm", "gru", "rnn").contains(cell))
            throw new IllegalArgumentException("PyTorch has no " + cell + " layer; export supports lstm, gru and rnn");
        try (JsonGenerator g = ModelFile.JSON.getFactory().createGenerator(out).setPrettyPrinter(new DefaultPrettyPrinter())) {
            g.writeStartObject();
            ModelFile.writeVocabulary(g, model.vocabulary());
            g.writeStringField("cell", cell);
            if (model.task() != null) g.writeStringField("task", model.task());
            g.writeObjectFieldStart("state_dict");
            for (int l = 0; l < network.layers(); l++) {
                List<Parameter> params = network.cell(l).parameters();
                g.writeFieldName(recurrentPrefix + "weight_ih_l" + l);
                ModelFile.writeMatrix(g, transpose(param(params, "W_x")));
                g.writeFieldName(recurrentPrefix + "weight_hh_l" + l);
                ModelFile.writeMatrix(g, transpose(param(params, "W_h")));
                DMatrixRMaj bx = cell.equals("gru") ? param(params, "b_x") : param(params, "b");
                DMatrixRMaj bh = cell.equals("gru") ? param(params, "b_h") : new DMatrixRMaj(1, bx.numCols);
                g.writeFieldName(recurrentPrefix + "bias_ih_l" + l);
                writeVector(g, bx);
                g.writeFieldName(recurrentPrefix + "bias_hh_l" + l);
                writeVector(g, bh);
            }
            List<Parameter> all = network.parameters();
            g.writeFieldName(decoderPrefix + "weight");
            ModelFile.writeMatrix(g, transpose(all.get(all.size() - 2).value()));
            g.writeFieldName(decoderPrefix + "bias");
            writeVector(g, all.get(all.size() - 1).value());
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeVector(JsonGenerator g, DMatrixRMaj row) throws IOException {
        g.writeStartArray();
        for (int k = 0; k < row.getNumElements(); k++) g.writeNumber(row.data[k]);
        g.writeEndArray();
    }

    private static void readDecoder(Map<String, Tensor> others, Network network, int vocab, int hidden) {
        List<String> weights = new ArrayList<>();
        for (String k : others.keySet()) if (k.equals("weight") || k.endsWith(".weight")) weights.add(k);
        if (weights.size() != 1)
            throw new ModelFormatException("expected exactly one nn.Linear decoder ('<name>.weight' [" + vocab + ", " + hidden + "]); found " + weights);
        String w = weights.get(0);
        String b = w.substring(0, w.length() - "weight".length()) + "bias";
        for (String k : others.keySet())
            if (!k.equals(w) && !k.equals(b))
                throw new ModelFormatException("unexpected tensor " + k + ": an export holds one nn.LSTM, nn.GRU or nn.RNN and one nn.Linear decoder (" + w + ")", k);
        Tensor decoder = others.get(w);
        if (decoder.dimensions() != 2) throw new ModelFormatException(w + " is " + decoder.describe() + ": expected " + vocab + " × " + hidden, w);
        if (decoder.columns() != hidden)
            throw new ModelFormatException("decoder " + w + " is " + decoder.describe() + ": its " + decoder.columns()
                    + " columns must match the " + hidden + " units of the last recurrent layer", w);
        if (decoder.rows() != vocab)
            throw new ModelFormatException("decoder " + w + " is " + decoder.describe() + ": its " + decoder.rows()
                    + " rows must match the " + vocab + " characters of \"vocab\" (one score per character)", w);
        List<Parameter> all = network.parameters();
        transposeInto(decoder, vocab, hidden, all.get(all.size() - 2).value());
        all.get(all.size() - 1).value().setTo(vector(others.get(b), vocab, b));
    }

    private static Tensor require(Map<String, Tensor> tensors, String key, String name) {
        Tensor n = tensors.get(key);
        if (n == null) throw new ModelFormatException("missing " + name, name);
        return n;
    }

    /** A PyTorch [rows, cols] tensor (shape already checked) into our [cols, rows] matrix. */
    private static void transposeInto(Tensor tensor, int rows, int cols, DMatrixRMaj target) {
        double[] in = tensor.data();
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) target.unsafe_set(c, r, in[r * cols + c]);
    }

    /** A 1-D tensor as a 1 × n row; zeros when absent (a layer built with bias=False). */
    private static DMatrixRMaj vector(Tensor tensor, int n, String name) {
        DMatrixRMaj v = new DMatrixRMaj(1, n);
        if (tensor == null) return v;
        if (tensor.dimensions() != 1 || tensor.rows() != n)
            throw new ModelFormatException(name + ": expected " + n + " numbers, got " + tensor.describe(), name);
        System.arraycopy(tensor.data(), 0, v.data, 0, n);
        return v;
    }

    private static DMatrixRMaj transpose(DMatrixRMaj m) {
        return CommonOps_DDRM.transpose(m, null);
    }

    private static DMatrixRMaj param(List<Parameter> params, String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("cell has no parameter " + name)).value();
    }
}
