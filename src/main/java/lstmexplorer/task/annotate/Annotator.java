package lstmexplorer.task.annotate;

/**
 * A variable read off the characters of any text, for probing models of user datasets. The value at
 * t is defined after reading character t, as for the tasks' variables.
 */
public interface Annotator {
    /** Identifier used in the probe leaderboard, e.g. {@code line_position}. */
    String name();

    /** One sentence for people. */
    String description();

    /** One value per character of {@code text}, read from its start. */
    double[] annotate(String text);
}
