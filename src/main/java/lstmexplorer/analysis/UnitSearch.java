package lstmexplorer.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Units ranked for a word ("count", "indent", "A", "copy"): the task variables whose name or
 * description mentions it, and the units the probes found tracking them, strongest first.
 *
 * @param variables the variables that matched, with their descriptions
 * @param units     the probes of those variables, by |r| descending
 * @param known     every variable of the task, for a query that matched none
 */
public record UnitSearch(String query, Map<String, String> variables, List<Probe> units, List<String> known) {

    /**
     * A word of one character matches as a standalone character in a description, case-sensitively (so "A"
     * finds "started with A" but not every "a"); a longer word matches any part of a name or description.
     */
    public static UnitSearch rank(ProbeLeaderboard board, String query, int limit) {
        String q = query.strip();
        if (q.isEmpty()) throw new IllegalArgumentException("q must name a variable or a word, e.g. count");
        Pattern single = Pattern.compile("(^|[^\\p{L}\\p{N}])" + Pattern.quote(q) + "($|[^\\p{L}\\p{N}])");
        String lower = q.toLowerCase(Locale.ROOT);
        Map<String, String> matched = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> v : board.variables().entrySet()) {
            String name = v.getKey(), text = v.getValue() == null ? "" : v.getValue();
            boolean hit = q.length() == 1
                    ? name.equals(q) || single.matcher(text).find()
                    : name.toLowerCase(Locale.ROOT).replace('_', ' ').contains(lower.replace('_', ' '))
                            || text.toLowerCase(Locale.ROOT).contains(lower);
            if (hit) matched.put(name, text);
        }
        List<Probe> units = new ArrayList<>();
        for (Probe p : board.ranking()) if (matched.containsKey(p.variable()) && units.size() < limit) units.add(p);
        // the best unit of a matched variable is always listed, even when it fell outside the ranking kept
        for (Probe p : board.best())
            if (matched.containsKey(p.variable()) && units.stream().noneMatch(u -> u.variable().equals(p.variable()))) units.add(p);
        return new UnitSearch(q, matched, List.copyOf(units), List.copyOf(board.variables().keySet()));
    }
}
