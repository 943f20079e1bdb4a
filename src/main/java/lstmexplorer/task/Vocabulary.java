package lstmexplorer.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * The characters a model reads and predicts, each with a fixed index. The newline is both the start
 * token (the model reads it first) and the end token (the last character it predicts).
 */
public final class Vocabulary {
    public static final char END = '\n';

    private final List<Character> chars;
    private final int[] indexOf = new int[Character.MAX_VALUE + 1];

    public Vocabulary(List<Character> chars) {
        if (chars.isEmpty()) throw new IllegalArgumentException("a vocabulary needs at least one character");
        if (new TreeSet<>(chars).size() != chars.size())
            throw new IllegalArgumentException("a vocabulary lists each character once: " + chars);
        this.chars = List.copyOf(chars);
        Arrays.fill(indexOf, -1);
        for (int i = 0; i < chars.size(); i++) indexOf[chars.get(i)] = i;
    }

    /** The newline first, then the other characters in code-point order. */
    public static Vocabulary of(String characters) {
        TreeSet<Character> set = new TreeSet<>();
        for (char ch : characters.toCharArray()) set.add(ch);
        set.remove(END);
        List<Character> list = new ArrayList<>();
        list.add(END);
        list.addAll(set);
        return new Vocabulary(list);
    }

    public int size() { return chars.size(); }

    public char charAt(int index) { return chars.get(index); }

    public List<Character> chars() { return Collections.unmodifiableList(chars); }

    public boolean contains(char ch) { return indexOf[ch] >= 0; }

    /** The index of a character; throws {@link IllegalArgumentException} for one outside the vocabulary. */
    public int indexOf(char ch) {
        int i = indexOf[ch];
        if (i < 0) throw new IllegalArgumentException("character " + display(ch) + " is not in the vocabulary " + describe());
        return i;
    }

    /** Characters of {@code text} outside the vocabulary, each once, in order of first appearance. */
    public List<Character> unknownIn(String text) {
        List<Character> unknown = new ArrayList<>();
        for (char ch : text.toCharArray()) if (!contains(ch) && !unknown.contains(ch)) unknown.add(ch);
        return unknown;
    }

    public int[] encode(String text) {
        List<Character> unknown = unknownIn(text);
        if (!unknown.isEmpty()) {
            StringBuilder names = new StringBuilder();
            for (char ch : unknown) names.append(names.length() == 0 ? "" : ", ").append(display(ch));
            throw new IllegalArgumentException("characters outside the vocabulary: " + names + "; the vocabulary is " + describe());
        }
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) ids[i] = indexOf[text.charAt(i)];
        return ids;
    }

    /** A readable list such as {@code [\n, X, a, b]}. */
    public String describe() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < chars.size(); i++) sb.append(i == 0 ? "" : ", ").append(display(chars.get(i)));
        return sb.append(']').toString();
    }

    public static String display(char ch) {
        if (ch == '\n') return "\\n";
        if (ch == '\t') return "\\t";
        if (ch < 32 || ch == 127) return String.format("\\u%04x", (int) ch);
        return "'" + ch + "'";
    }

    @Override public boolean equals(Object o) { return o instanceof Vocabulary v && v.chars.equals(chars); }
    @Override public int hashCode() { return chars.hashCode(); }
    @Override public String toString() { return describe(); }
}
