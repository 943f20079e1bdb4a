package lstmexplorer.task;

/**
 * Running values over a sequence, one per character, each the value once that character is read: the
 * counting tasks' variables are made of them. Being read character by character, they are defined for any
 * prefix, and for text that is no sequence of the task at all (as typed into the playground).
 */
final class Series {
    private Series() {}

    /** Characters {@code up} read so far minus characters {@code down} read so far. */
    static double[] balance(String sequence, char up, char down) {
        double[] v = new double[sequence.length()];
        int balance = 0;
        for (int t = 0; t < v.length; t++) {
            char ch = sequence.charAt(t);
            if (ch == up) balance++;
            else if (ch == down) balance--;
            v[t] = balance;
        }
        return v;
    }

    /** 0 before the first {@code c}, 1 from it on. */
    static double[] from(String sequence, char c) {
        double[] v = new double[sequence.length()];
        int first = sequence.indexOf(c);
        if (first >= 0) java.util.Arrays.fill(v, first, v.length, 1);
        return v;
    }

    /** 1 where the character is {@code c}, 0 elsewhere. */
    static double[] at(String sequence, char c) {
        double[] v = new double[sequence.length()];
        for (int t = 0; t < v.length; t++) if (sequence.charAt(t) == c) v[t] = 1;
        return v;
    }
}
