package lstmexplorer.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * A JSON value that ought to be small (a vocabulary, a config, a training summary) as a tree, refused
 * past {@value #MAX_TOKENS} tokens: a tree node costs tens of bytes, so an upload's few megabytes in
 * such a field must not become a gigabyte of nodes.
 */
final class SmallTree {
    static final int MAX_TOKENS = 100_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SmallTree() {}

    /** The value the parser is on; the parser is left on its last token. */
    static JsonNode read(JsonParser p, String field) throws IOException {
        int[] budget = {MAX_TOKENS};
        return value(p, field, budget);
    }

    private static JsonNode value(JsonParser p, String field, int[] budget) throws IOException {
        if (--budget[0] < 0) throw new ModelFormatException("\"" + field + "\" is too large (over " + MAX_TOKENS + " JSON values)");
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, value(p, field, budget));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) a.add(value(p, field, budget));
                return a;
            }
            case VALUE_STRING: return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT: return NODES.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT: return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE: return NODES.booleanNode(true);
            case VALUE_FALSE: return NODES.booleanNode(false);
            case VALUE_NULL: return NODES.nullNode();
            default: throw new ModelFormatException("\"" + field + "\" is not a JSON value");
        }
    }
}
