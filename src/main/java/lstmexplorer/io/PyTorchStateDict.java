package lstmexplorer.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
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
    private static final Pattern RECURRENT = Pattern.compile("^(.*?)(weight_ih|weight_hh|bias_ih|bias_hh)_l(\\d+)(_reverse)?$");

    private PyTorchStateDict() {}

    static TrainedModel read(JsonNode root) {
        Vocabulary vocab = ModelFile.readVocabulary(root.path("vocab"));
        JsonNode dict = root.path("state_dict");
        if (!dict.isObject() || dict.isEmpty()) throw new ModelFormatException("\"state_dict\" must be an object of tensors");

        Map<Integer, Map<String, JsonNode>> layers = new TreeMap<>();
        Map<String, JsonNode> others = new TreeMap<>();
        String prefix = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = dict.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Matcher m = RECURRENT.matcher(e.getKey());
            if (m.matches()) {
                if (m.group(4) != null) throw new ModelFormatException("bidirectional layers (" + e.getKey() + ") are not supported");
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

        JsonNode hh0 = require(layers.get(0), "weight_hh", prefix + "weight_hh_l0");
        int hidden = columns(hh0, prefix + "weight_hh_l0");
        int gates = hh0.size() / hidden;
        String cell = root.hasNonNull("cell") ? root.get("cell").asText() : switch (gates) {
            case 4 -> "lstm";
            case 3 -> "gru";
            case 1 -> "rnn";
            default -> throw new ModelFormatException(prefix + "weight_hh_l0 has " + hh0.size() + " rows for " + hidden
                    + " hidden units: expected 4× (LSTM), 3× (GRU) or 1× (RNN)");
        };
        if (!List.of("lstm", "gru", "rnn").contains(cell))
            throw new ModelFormatException("PyTorch import supports the cells lstm, gru and rnn; got " + cell);
        int blocks = switch (cell) { case "lstm" -> 4; case "gru" -> 3; default -> 1; };

        Network network;
        try {
            network = new Network(new NetworkConfig(cell, vocab.size(), hidden, layers.size()));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(e.getMessage());
        }
        for (int l = 0; l < layers.size(); l++) {
            Map<String, JsonNode> t = layers.get(l);
            String at = prefix + "%s_l" + l;
            int in = l == 0 ? vocab.size() : hidden;
            DMatrixRMaj wx = transposed(require(t, "weight_ih", at.formatted("weight_ih")), blocks * hidden, in, at.formatted("weight_ih"));
            DMatrixRMaj wh = transposed(require(t, "weight_hh", at.formatted("weight_hh")), blocks * hidden, hidden, at.formatted("weight_hh"));
            DMatrixRMaj bx = vector(t.get("bias_ih"), blocks * hidden, at.formatted("bias_ih"));
            DMatrixRMaj bh = vector(t.get("bias_hh"), blocks * hidden, at.formatted("bias_hh"));
            List<Parameter> params = network.cell(l).parameters();
            param(params, "W_x").setTo(wx);
            param(params, "W_h").setTo(wh);
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
        Network network = model.network();
        String cell = network.config().cell();
        if (!List.of("lstm", "gru", "rnn").contains(cell))
            throw new IllegalArgumentException("PyTorch has no " + cell + " layer; export supports lstm, gru and rnn");
        ObjectNode root = ModelFile.JSON.createObjectNode();
        ArrayNode vocab = root.putArray("vocab");
        for (char ch : model.vocabulary().chars()) vocab.add(String.valueOf(ch));
        root.put("cell", cell);
        if (model.task() != null) root.put("task", model.task());
        ObjectNode dict = root.putObject("state_dict");
        for (int l = 0; l < network.layers(); l++) {
            List<Parameter> params = network.cell(l).parameters();
            dict.set(recurrentPrefix + "weight_ih_l" + l, ModelFile.matrixToJson(transpose(param(params, "W_x"))));
            dict.set(recurrentPrefix + "weight_hh_l" + l, ModelFile.matrixToJson(transpose(param(params, "W_h"))));
            DMatrixRMaj bx = cell.equals("gru") ? param(params, "b_x") : param(params, "b");
            DMatrixRMaj bh = cell.equals("gru") ? param(params, "b_h") : new DMatrixRMaj(1, bx.numCols);
            dict.set(recurrentPrefix + "bias_ih_l" + l, ModelFile.matrixToJson(bx).get(0));
            dict.set(recurrentPrefix + "bias_hh_l" + l, ModelFile.matrixToJson(bh).get(0));
        }
        List<Parameter> all = network.parameters();
        dict.set(decoderPrefix + "weight", ModelFile.matrixToJson(transpose(all.get(all.size() - 2).value())));
        dict.set(decoderPrefix + "bias", ModelFile.matrixToJson(all.get(all.size() - 1).value()).get(0));
        return root.toPrettyString() + "\n";
    }

    private static void readDecoder(Map<String, JsonNode> others, Network network, int vocab, int hidden) {
        List<String> weights = new ArrayList<>();
        for (String k : others.keySet()) if (k.equals("weight") || k.endsWith(".weight")) weights.add(k);
        if (weights.size() != 1)
            throw new ModelFormatException("expected exactly one nn.Linear decoder ('<name>.weight' [" + vocab + ", " + hidden + "]); found " + weights);
        String w = weights.get(0);
        String b = w.substring(0, w.length() - "weight".length()) + "bias";
        List<Parameter> all = network.parameters();
        all.get(all.size() - 2).value().setTo(transposed(others.get(w), vocab, hidden, w));
        all.get(all.size() - 1).value().setTo(vector(others.get(b), vocab, b));
    }

    private static JsonNode require(Map<String, JsonNode> tensors, String key, String name) {
        JsonNode n = tensors.get(key);
        if (n == null) throw new ModelFormatException("missing " + name);
        return n;
    }

    private static int columns(JsonNode m, String name) {
        if (!m.isArray() || m.isEmpty() || !m.get(0).isArray() || m.get(0).isEmpty())
            throw new ModelFormatException(name + " must be a non-empty 2-D list");
        return m.get(0).size();
    }

    /** A PyTorch [rows, cols] tensor as our [cols, rows] matrix. */
    private static DMatrixRMaj transposed(JsonNode tensor, int rows, int cols, String name) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        ModelFile.fill(m, tensor, name);
        return transpose(m);
    }

    /** A 1-D tensor as a 1 × n row; zeros when absent (a layer built with bias=False). */
    private static DMatrixRMaj vector(JsonNode tensor, int n, String name) {
        DMatrixRMaj v = new DMatrixRMaj(1, n);
        if (tensor == null) return v;
        if (!tensor.isArray() || tensor.size() != n) throw new ModelFormatException(name + ": expected " + n + " numbers, got " + ModelFile.describeShape(tensor));
        for (int k = 0; k < n; k++) v.data[k] = ModelFile.number(tensor.get(k), name);
        return v;
    }

    private static DMatrixRMaj transpose(DMatrixRMaj m) {
        return org.ejml.dense.row.CommonOps_DDRM.transpose(m, null);
    }

    private static DMatrixRMaj param(List<Parameter> params, String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("cell has no parameter " + name)).value();
    }
}
