package lstmexplorer.task;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A task with another training range and length distribution: sizes 1 to {@code trainMax} drawn by
 * {@code lengths}, generalisation over trainMax + 1 .. 2·trainMax. Everything else — the name, the
 * grammar, the scoring — is the task's own, so a model trained on it is a model of the same task.
 */
final class RangedTask implements Task {
    private final Task base;
    private final TaskInfo info;
    private final LengthDistribution lengths;

    private RangedTask(Task base, int trainMax, LengthDistribution lengths) {
        this.base = base;
        TaskInfo b = base.info();
        this.info = new TaskInfo(b.name(), b.description(), b.sizeName(), b.vocabulary(), b.delimiter(), b.defaultModel(),
                b.stepsAfterLearned(), new SizeRange(1, trainMax), new SizeRange(trainMax + 1, 2 * trainMax), b.variables());
        this.lengths = lengths;
    }

    static Task of(Task task, int trainMax, LengthDistribution lengths) {
        Task base = task instanceof RangedTask r ? r.base : task;
        if (trainMax < 1) throw new IllegalArgumentException("trainMax must be at least 1, got " + trainMax);
        LengthDistribution d = lengths == null ? LengthDistribution.UNIFORM : lengths;
        if (d == LengthDistribution.UNIFORM && base.trainRange().max() == trainMax) return base;
        return new RangedTask(base, trainMax, d);
    }

    @Override public TaskInfo info() { return info; }
    @Override public String delimiters() { return base.delimiters(); }
    @Override public List<String> legalNext(String sequence) { return base.legalNext(sequence); }
    @Override public int delimiterIndex(String sequence) { return base.delimiterIndex(sequence); }
    @Override public String generate(int size, Random random) { return base.generate(size, random); }
    @Override public String generate(Random random) { return generate(lengths.draw(info.trainRange(), random), random); }
    @Override public int sizeOf(String sequence) { return base.sizeOf(sequence); }
    @Override public Map<String, double[]> variables(String sequence) { return base.variables(sequence); }
    @Override public Optional<String> continuation(String head) { return base.continuation(head); }
    @Override public boolean isValid(String sequence) { return base.isValid(sequence); }
}
