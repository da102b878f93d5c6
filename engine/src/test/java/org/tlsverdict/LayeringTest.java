package org.tlsverdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house layering, read from the sources: facts &lt;- collect/policy &lt;- report &lt;- cli, and
 * the command-line library only in cli (so the collector's settings are plain values).
 */
class LayeringTest {

    private static final Path SOURCES = Path.of("engine/src/main/java/org/tlsverdict");

    /** Which other packages (top level under org.tlsverdict, or picocli) each layer may name. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "facts", Set.of(),
            "collect", Set.of("facts"),
            "policy", Set.of("facts"),
            "report", Set.of("facts", "policy"),
            "cli", Set.of("facts", "collect", "policy", "report", "picocli"));

    private static final Pattern REFERENCE = Pattern.compile("\\b(?:org\\.tlsverdict\\.([a-z]+)\\.|(picocli)\\.)");

    @Test
    void eachLayerNamesOnlyTheLayersBelowIt() throws IOException {
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (var layer : ALLOWED.entrySet()) {
            try (Stream<Path> s = Files.walk(SOURCES.resolve(layer.getKey()))) {
                for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    Matcher m = REFERENCE.matcher(Files.readString(f));
                    while (m.find()) {
                        String target = m.group(1) != null ? m.group(1) : m.group(2);
                        if (!target.equals(layer.getKey()) && !layer.getValue().contains(target)) {
                            violations.add(SOURCES.relativize(f) + " names " + target);
                        }
                    }
                }
            }
        }
        assertThat(files).as("sources found").isGreaterThan(100);
        assertThat(violations).isEmpty();
    }

    /** Measured figures live in docs/benchmarks.md, where their date and load are given, not in code comments. */
    @Test
    void codeCommentsCarryNoMeasuredFigures() throws IOException {
        Pattern comment = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
        Pattern figure = Pattern.compile("\\b\\d+(?:[.,]\\d+)?\\s?(?:us|µs|ms|ns)\\b|\\d[\\d,]*\\s?(?:endpoints|files)/s\\b"
                + "|\\b\\d+(?:\\.\\d+)?(?:-\\d+(?:\\.\\d+)?)?x (?:a |the )?(?:replay|parse|faster|slower|floor)");
        List<String> found = new ArrayList<>();
        for (Path root : List.of(SOURCES, Path.of("tools/src/main/java"))) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher c = comment.matcher(Files.readString(f));
                    while (c.find()) {
                        Matcher m = figure.matcher(c.group());
                        if (m.find()) {
                            found.add(f + ": " + m.group());
                        }
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    /** A name once unified stays one type: a rule's conclusion (Outcome), how TLS starts (Starttls). */
    @Test
    void unifiedNamesAreDeclaredOnce() throws IOException {
        Pattern declaration = Pattern.compile("\\b(?:class|record|enum|interface)\\s+(Outcome|Starttls|StartTls|ScanAttempt)\\b");
        Map<String, List<String>> where = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.walk(SOURCES)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = declaration.matcher(Files.readString(f));
                while (m.find()) {
                    where.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(SOURCES.relativize(f).toString());
                }
            }
        }
        assertThat(where).containsOnlyKeys("Outcome", "Starttls", "ScanAttempt");
        where.forEach((name, files) -> assertThat(files).as(name).hasSize(1));
    }
}
