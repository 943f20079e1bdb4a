package lstmexplorer.task;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task whose sequences one {@link Grammar} describes. Its size is the length of one of the grammar's groups,
 * and once a beginning matches the head pattern (it ends at the delimiter) the rest is determined. Such a task
 * writes only how it generates a sequence, the rest after a head, and its variables.
 */
abstract class GrammarTask implements Task {
    private final TaskInfo info;
    private final Grammar grammar;
    private final Pattern head;
    private final int sizeGroup;

    /** head: the beginnings, through the delimiter, whose rest is determined; sizeGroup: the grammar's group the size counts. */
    GrammarTask(TaskInfo info, Grammar grammar, String head, int sizeGroup) {
        this.info = info;
        this.grammar = grammar;
        this.head = Pattern.compile(head);
        this.sizeGroup = sizeGroup;
    }

    @Override public final TaskInfo info() { return info; }

    @Override public final boolean isValid(String sequence) { return grammar.matches(sequence); }

    @Override public final int sizeOf(String sequence) { return parse(sequence).group(sizeGroup).length(); }

    @Override public final Optional<String> continuation(String beginning) {
        return head.matcher(beginning).matches() ? Optional.of(rest(beginning)) : Optional.empty();
    }

    /** What follows a beginning that the head pattern matches, through the final newline. */
    protected abstract String rest(String beginning);

    /** The size a sequence is generated for, which is at least 1 (named as the size name names it: N, n, L, K). */
    protected final int checkSize(int size) {
        if (size < 1) throw new IllegalArgumentException(info.sizeName().split(" ")[0] + " must be at least 1, got " + size);
        return size;
    }

    private Matcher parse(String sequence) { return grammar.parse(sequence, name()); }
}
