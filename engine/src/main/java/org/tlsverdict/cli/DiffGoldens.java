package org.tlsverdict.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tlsverdict.collect.InputFiles;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.PairEvaluator;
import org.tlsverdict.policy.PolicyException;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.report.DiffReport;

/**
 * The policy diffs {@code replay} keeps as goldens beside a folder's verdict goldens:
 * {@code expected/diff-<from-id>-<to-id>.json}, the {@code diff --format json} of the folder's
 * inputs (labelled relative to the folder, as verdict goldens are). Which two policies a golden
 * compares is read from its own {@code from.path} and {@code to.path}, so a kept debate (2023 ->
 * proposed) is checked on every replay whatever {@code --policy} says.
 */
final class DiffGoldens implements AutoCloseable {

    static final String PREFIX = "diff-";

    /** Two policies as named on the command line or in a golden, and the golden file comparing them. */
    record Pair(String from, String to, Path golden) {
    }

    private final RuleCompiler compiler = RuleCompiler.withDefaultCache();
    private final Map<String, CompiledPolicy> compiled = new HashMap<>();
    private final Instant at;
    private Path scratch;

    DiffGoldens(Instant at) {
        this.at = at;
    }

    /** The diff goldens a folder has, plus one per pair asked for with {@code --diff} (which may not exist yet). */
    List<Pair> pairs(Path dir, List<String> requested) throws IOException, PolicyException {
        List<Pair> out = new ArrayList<>();
        Path expected = dir.resolve(InputFiles.GOLDEN_DIR);
        if (Files.isDirectory(expected)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(expected, PREFIX + "*.json")) {
                List<Path> files = new ArrayList<>();
                s.forEach(files::add);
                files.sort(Comparator.naturalOrder());
                for (Path golden : files) {
                    JsonNode doc = FactsCodec.json().readTree(golden.toFile());
                    String from = doc.path("from").path("path").asText(null);
                    String to = doc.path("to").path("path").asText(null);
                    if (from == null || to == null) {
                        throw new PolicyException(golden + ": not a tlsverdict/diff/v1 document (from.path and to.path are missing)");
                    }
                    out.add(new Pair(from, to, golden));
                }
            }
        }
        for (int i = 0; i + 1 < requested.size(); i += 2) {
            Path golden = expected.resolve(PREFIX + compile(requested.get(i)).policy().id() + "-"
                    + compile(requested.get(i + 1)).policy().id() + ".json");
            if (out.stream().noneMatch(p -> p.golden().equals(golden))) {
                out.add(new Pair(requested.get(i), requested.get(i + 1), golden));
            }
        }
        return out;
    }

    /**
     * The diff's JSON for the folder's inputs now, without the rule text ({@code files[].diff},
     * {@code criteria[].ruleLines}): the golden guards the outcome, which files it is attributed
     * to and why, so a reworded comment in a rule file does not fail the replay.
     */
    String fresh(Batch batch, Pair pair, List<Batch.Input> inputs) throws PolicyException {
        CompiledPolicy a = compile(pair.from());
        CompiledPolicy b = compile(pair.to());
        Batch.JudgedPair judged = batch.runPair(new PairEvaluator(a, b, compiler, CipherRegistry.standard(), at), inputs, null);
        DiffReport report = DiffReport.of(a, judged.before(), b, judged.after(), judged.errors());
        ObjectNode doc = FactsCodec.json().valueToTree(report);
        doc.path("files").forEach(f -> ((ObjectNode) f).remove("diff"));
        doc.path("criteria").forEach(c -> ((ObjectNode) c).remove("ruleLines"));
        return FactsCodec.toJson(doc);
    }

    private CompiledPolicy compile(String spec) throws PolicyException {
        CompiledPolicy p = compiled.get(spec);
        if (p == null) {
            try {
                if (scratch == null) {
                    scratch = Files.createTempDirectory("tlsverdict-replay-diff");
                }
            } catch (IOException e) {
                throw new PolicyException(spec + ": " + e.getMessage(), e);
            }
            p = compiler.compile(PolicySpec.load(spec, scratch.resolve(String.valueOf(compiled.size()))));
            compiled.put(spec, p);
        }
        return p;
    }

    @Override
    public void close() throws IOException {
        if (scratch != null) {
            try (Stream<Path> s = Files.walk(scratch)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
