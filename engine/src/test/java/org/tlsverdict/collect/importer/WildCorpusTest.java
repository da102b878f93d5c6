package org.tlsverdict.collect.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.FactsFormatException;

/**
 * Real scanner outputs found in public places ({@code fixtures/wild/<name>/}, format in the README
 * there), each imported the way the CLI does and compared with the facts read by hand from the raw
 * text. Fails below {@link #THRESHOLD} agreement and on any disagreement that could make a verdict
 * PASS wrongly (a vulnerable finding read as not vulnerable, an offered or unknown version read as
 * not offered), and when a file that is scanner output is refused.
 */
class WildCorpusTest {

    static final Path CORPUS = Path.of("fixtures/wild");
    static final double THRESHOLD = 0.98;
    static final String EXPECTED = "expected-facts.yaml";
    static final String PROVENANCE = "PROVENANCE";

    @Test
    void realOutputsImportAsTheirRawTextStates() throws IOException {
        List<Path> cases = cases();
        assertThat(cases).as("corpus cases under " + CORPUS).isNotEmpty();
        int facts = 0;
        int agree = 0;
        List<String> critical = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (Path dir : cases) {
            String name = dir.getFileName().toString();
            WildComparison c = new WildComparison();
            String problem = run(dir, c);
            if (problem != null) {
                failures.add(name + ": " + problem);
            }
            facts += c.facts();
            agree += c.agree();
            c.critical().forEach(x -> critical.add(name + ": " + x));
            report.append(String.format(Locale.ROOT, "%-44s %4d/%-4d%s%n", name, c.agree(), c.facts(),
                    problem != null ? "  " + problem : ""));
            c.disagreements().forEach(d -> report.append("    ").append(d).append('\n'));
        }
        double share = facts == 0 ? 0 : (double) agree / facts;
        report.append(String.format(Locale.ROOT, "wild corpus: %d/%d facts agree (%.1f%%) over %d files%n",
                agree, facts, 100 * share, cases.size()));
        System.out.print(report);
        assertThat(failures).as("files that could not be compared").isEmpty();
        assertThat(critical).as("disagreements that could PASS what the raw output contradicts").isEmpty();
        assertThat(share).as("share of hand-read facts the importers agree with\n" + report).isGreaterThanOrEqualTo(THRESHOLD);
    }

    static List<Path> cases() throws IOException {
        if (!Files.isDirectory(CORPUS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** Null when the case could be compared; else why not. Agreement is added to {@code c}. */
    static String run(Path dir, WildComparison c) throws IOException {
        if (!Files.isRegularFile(dir.resolve(PROVENANCE))) {
            return "no " + PROVENANCE + " file";
        }
        Path expectedFile = dir.resolve(EXPECTED);
        if (!Files.isRegularFile(expectedFile)) {
            return "no " + EXPECTED;
        }
        List<Path> raw;
        try (Stream<Path> s = Files.list(dir)) {
            raw = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(EXPECTED)
                    && !p.getFileName().toString().equals(PROVENANCE)
                    && !p.getFileName().toString().toLowerCase(Locale.ROOT).startsWith("readme")).toList();
        }
        if (raw.size() != 1) {
            return "expected one raw file, found " + raw.size();
        }
        JsonNode expected = FactsCodec.yaml().readTree(expectedFile.toFile());
        String from = expected.path("from").isTextual() ? expected.get("from").asText() : null;
        String refused = expected.path("refused").isTextual() ? expected.get("refused").asText() : null;
        FactsDocument doc;
        try {
            doc = InputReader.read(raw.get(0), raw.get(0).getFileName().toString(), from);
        } catch (FactsFormatException e) {
            if (refused != null) {
                c.fact(true, "refused", refused, e.getMessage());
                return null;
            }
            return "refused: " + e.getMessage();
        }
        if (refused != null) {
            c.fact(false, "refused", refused, "imported");
            return null;
        }
        JsonNode actual = FactsCodec.json().readTree(FactsCodec.toJson(doc));
        c.compareDocument(expected, actual);
        return null;
    }
}
