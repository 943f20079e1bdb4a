package lstmexplorer.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request the services refuse, with what kind of refusal it is. The web layer maps the kind to an
 * HTTP status; the message is the human explanation and {@link #extra()} carries machine-readable
 * details such as the offending field or characters.
 */
public final class ServiceException extends RuntimeException {
    public enum Kind { BAD_REQUEST, FORBIDDEN, NOT_FOUND, CONFLICT, UNPROCESSABLE, TOO_MANY, UNAVAILABLE }

    private final Kind kind;
    private final String error;
    private final Map<String, Object> extra;

    public ServiceException(Kind kind, String error, String detail, Map<String, Object> extra) {
        super(detail);
        this.kind = kind;
        this.error = error;
        this.extra = Map.copyOf(extra);
    }

    public ServiceException(Kind kind, String error, String detail) {
        this(kind, error, detail, Map.of());
    }

    public Kind kind() { return kind; }

    /** A short title such as "bad parameter". */
    public String error() { return error; }

    /** The explanation for people. */
    public String detail() { return getMessage(); }

    /** Extra fields for the error body, e.g. {@code field} or {@code characters}. */
    public Map<String, Object> extra() { return extra; }

    /** A parameter outside its allowed values; the detail names the field and what is allowed. */
    public static ServiceException badParameter(String field, String detail) {
        return new ServiceException(Kind.BAD_REQUEST, "bad parameter", detail, Map.of("field", field));
    }

    public static ServiceException badRequest(String detail) {
        return new ServiceException(Kind.BAD_REQUEST, "bad request", detail);
    }

    public static ServiceException notFound(String what, String id) {
        return new ServiceException(Kind.NOT_FOUND, "not found", "no " + what + " '" + id + "'");
    }

    public static ServiceException conflict(String detail) {
        return new ServiceException(Kind.CONFLICT, "conflict", detail);
    }

    public static ServiceException forbidden(String detail) {
        return new ServiceException(Kind.FORBIDDEN, "forbidden", detail);
    }

    public static ServiceException tooMany(String detail) {
        return new ServiceException(Kind.TOO_MANY, "too many requests", detail);
    }

    /** Characters a model cannot read, named one by one (each a code point, so an emoji is one character). */
    public static ServiceException outsideVocabulary(String field, List<String> unknown, List<String> vocab) {
        StringBuilder names = new StringBuilder();
        for (String ch : unknown) names.append(names.length() == 0 ? "" : ", ").append(display(ch));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("field", field);
        extra.put("characters", unknown);
        extra.put("vocab", vocab);
        return new ServiceException(Kind.UNPROCESSABLE, "characters outside the vocabulary",
                field + " has characters the model does not know: " + names + "; the model's vocabulary is "
                        + vocab.stream().map(ServiceException::display).toList(), extra);
    }

    private static String display(String ch) {
        return ch.length() == 1 ? lstmexplorer.task.Vocabulary.display(ch.charAt(0)) : "'" + ch + "'";
    }

    /** The code points of {@code text} the vocabulary lacks, each once, in order of first appearance. */
    public static List<String> unknownCharacters(String text, lstmexplorer.task.Vocabulary vocabulary) {
        List<String> unknown = new java.util.ArrayList<>();
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            if ((ch.length() > 1 || !vocabulary.contains(ch.charAt(0))) && !unknown.contains(ch)) unknown.add(ch);
        });
        return unknown;
    }
}
