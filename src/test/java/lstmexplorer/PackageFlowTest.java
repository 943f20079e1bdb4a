package lstmexplorer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Packages flow one way: task and model (cells and math) → train → io → trace → analysis → service → web → cli.
 * The web layer talks to services only, and nothing below it knows Javalin.
 */
class PackageFlowTest {
    private static final Path SOURCES = Path.of("src/main/java/lstmexplorer");

    /** What each package may use of the project besides itself. */
    private static final Map<String, Set<String>> MAY_USE = Map.of(
            "task", Set.of(),
            "model", Set.of(),
            "train", Set.of("task", "model"),
            "io", Set.of("task", "model", "train"),
            "trace", Set.of("task", "model", "train", "io"),
            "analysis", Set.of("task", "model", "train", "io", "trace"),
            "service", Set.of("task", "model", "train", "io", "trace", "analysis"),
            "web", Set.of("service"),
            "cli", Set.of("task", "model", "train", "io", "trace", "analysis", "service", "web"));

    private static final Pattern USE = Pattern.compile("\\blstmexplorer\\.([a-z]+)\\.[A-Za-z]");

    @Test
    void everyPackageUsesOnlyThePackagesBelowIt() throws IOException {
        Set<String> wrong = new TreeSet<>();
        for (Path file : sources()) {
            String from = SOURCES.relativize(file).getName(0).toString();
            Set<String> allowed = MAY_USE.get(from);
            if (allowed == null) { wrong.add(file + ": a package the flow does not name"); continue; }
            for (String line : code(file)) {
                Matcher m = USE.matcher(line);
                while (m.find()) {
                    String to = m.group(1);
                    if (!to.equals(from) && !allowed.contains(to)) wrong.add(file + " uses " + to + ": " + line.strip());
                }
            }
        }
        assertEquals(Set.of(), wrong);
    }

    @Test
    void onlyTheWebLayerKnowsJavalin() throws IOException {
        Set<String> wrong = new TreeSet<>();
        for (Path file : sources()) {
            String from = SOURCES.relativize(file).getName(0).toString();
            if (from.equals("web")) continue;
            for (String line : code(file)) if (line.contains("io.javalin")) wrong.add(file + ": " + line.strip());
        }
        assertEquals(Set.of(), wrong);
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java") && f.getParent() != null && !f.getParent().equals(SOURCES)).sorted().toList();
        }
    }

    /** The lines of a source file that are code, not comments. */
    private static List<String> code(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .filter(l -> !l.strip().startsWith("*") && !l.strip().startsWith("//") && !l.strip().startsWith("/*"))
                .toList();
    }
}
