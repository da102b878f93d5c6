package org.tlsverdict.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tlsverdict.collect.InputFiles;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.PolicyException;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.report.Format;
import org.tlsverdict.report.ReportWriter;
import org.tlsverdict.report.VerdictReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Evaluate saved scans and compare with the golden verdicts beside them (expected/<policy-id>.json).",
                "Exit 0: all match; 1: a verdict changed, a golden is missing or an input is unreadable; 2: usage or policy error, or no inputs."})
public final class ReplayCommand implements Callable<Integer> {

    /** Goldens are judged at a fixed instant so certificate validity does not drift with the calendar. */
    static final String DEFAULT_AT = "2027-01-01T00:00:00Z";

    @Spec
    CommandSpec spec;

    @Mixin
    TrustRulesOption trust;

    @Parameters(arity = "0..*", paramLabel = "DIR", description = "folders (or files) of saved scans; default: fixtures")
    List<Path> dirs;

    @Option(names = "--policy", defaultValue = "rules/privacyguides-proposed", paramLabel = "DIR",
            description = "policy folder (default: ${DEFAULT-VALUE})")
    Path policyDir;

    @Option(names = "--update", description = "rewrite the golden files with the current verdicts (only then are goldens written)")
    boolean update;

    @Option(names = "--at", defaultValue = DEFAULT_AT, paramLabel = "INSTANT",
            description = "instant certificates are judged at (default: ${DEFAULT-VALUE})")
    Instant at;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "also print the verdicts in this format: text per folder; json, yaml, markdown, sarif, junit or html"
                    + " as one document over all folders, alone on stdout (golden status lines then go to stderr)")
    Format format;

    @Option(names = "--diff", arity = "2", paramLabel = "POLICY",
            description = "FROM TO: also keep the diff between two policies as a golden (expected/diff-<from>-<to>.json) in every folder;"
                    + " goldens already there are always checked")
    List<String> diffs;

    private enum Compared { MATCH, WRITTEN, CHANGED }

    /** Compares a golden with what was computed now; writes it only under --update. */
    private Compared compare(Path golden, String fresh, java.util.function.BiFunction<String, String, List<String>> explain, PrintWriter out)
            throws IOException {
        String old = Files.isRegularFile(golden) ? Files.readString(golden, StandardCharsets.UTF_8) : null;
        if (fresh.equals(old)) {
            return Compared.MATCH;
        }
        if (update) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, fresh, StandardCharsets.UTF_8);
            out.println((old == null ? "created " : "updated ") + golden);
            return Compared.WRITTEN;
        }
        if (old == null) {
            out.println("MISSING " + golden + " (run with --update to create it)");
        } else {
            out.println("CHANGED " + golden);
            explain.apply(old, fresh).forEach(line -> out.println("  " + line));
        }
        return Compared.CHANGED;
    }

    /** Formats read by programs, and the forum matrix: one document on stdout, nothing else. */
    private static boolean oneDocument(Format f) {
        return f != null && f != Format.text;
    }

    @Override
    public Integer call() {
        PrintWriter document = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = oneDocument(format) ? err : document;
        List<EndpointResult> allResults = new ArrayList<>();
        List<VerdictReport.InputError> allErrors = new ArrayList<>();
        CompiledPolicy policy = PolicyOption.compile(policyDir, err, trust.trustRules);
        if (policy == null) {
            return ExitCodes.ERROR;
        }
        trust.announce(out);
        List<Path> roots = dirs == null || dirs.isEmpty() ? List.of(Path.of("fixtures")) : dirs;
        for (Path r : roots) {
            if (!Files.exists(r)) {
                err.println(r + ": no such folder");
                return ExitCodes.ERROR;
            }
        }
        Map<Path, List<Path>> folders = InputFiles.byFolder(roots);
        if (folders.isEmpty()) {
            err.println(String.join(", ", roots.stream().map(Path::toString).toList()) + ": no scan or facts files to replay");
            return ExitCodes.ERROR;
        }
        int matched = 0;
        int changed = 0;
        int written = 0;
        int endpoints = 0;
        int unreadable = 0;
        int diffGoldenCount = 0;
        try (Batch batch = new Batch(); DiffGoldens diffGoldens = new DiffGoldens(at)) {
            for (Map.Entry<Path, List<Path>> folder : folders.entrySet()) {
                Path dir = folder.getKey();
                List<Batch.Input> inputs = folder.getValue().stream()
                        .map(p -> new Batch.Input(p, dir.relativize(p).toString().replace('\\', '/'))).toList();
                Batch.Judged o = batch.run(policy, inputs, at, null);
                VerdictReport report = VerdictReport.of(policy, o.results(), o.errors());
                endpoints += o.results().size();
                unreadable += o.errors().size();
                o.errors().forEach(e -> err.println(dir + "/" + e.message()));
                String fresh = ReportWriter.render(report, policy, Format.json, false, false);
                Path golden = dir.resolve(InputFiles.GOLDEN_DIR).resolve(policy.policy().id() + ".json");
                if (oneDocument(format)) {
                    // Sources relative to the working folder, so that SARIF and JUnit point at the files.
                    String prefix = dir.toString().replace('\\', '/') + "/";
                    o.results().forEach(r -> allResults.add(new EndpointResult(r.endpoint(), r.domain(), prefix + r.source(),
                            r.status(), r.verdicts())));
                    o.errors().forEach(e -> allErrors.add(new VerdictReport.InputError(prefix + e.source(), dir + "/" + e.message())));
                } else if (format != null) {
                    out.println("== " + dir);
                    out.print(ReportWriter.render(report, policy, format, false, false));
                }
                Compared c = compare(golden, fresh, GoldenDiff::changes, out);
                matched += c == Compared.MATCH ? 1 : 0;
                written += c == Compared.WRITTEN ? 1 : 0;
                changed += c == Compared.CHANGED ? 1 : 0;
                for (DiffGoldens.Pair pair : diffGoldens.pairs(dir, diffs == null ? List.of() : diffs)) {
                    try {
                        c = compare(pair.golden(), diffGoldens.fresh(batch, pair, inputs), GoldenDiff::diffChanges, out);
                    } catch (PolicyException e) {
                        err.println(pair.golden() + ": cannot rebuild the diff: " + e.getMessage());
                        c = Compared.CHANGED;
                    }
                    matched += c == Compared.MATCH ? 1 : 0;
                    written += c == Compared.WRITTEN ? 1 : 0;
                    changed += c == Compared.CHANGED ? 1 : 0;
                    diffGoldenCount++;
                }
            }
        } catch (IOException | PolicyException e) {
            err.println("tlsverdict: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        if (oneDocument(format)) {
            document.print(ReportWriter.render(VerdictReport.of(policy, allResults, allErrors), policy, format, false, false));
            document.flush();
        }
        out.println(folders.size() + " folder(s), " + endpoints + " endpoint(s), " + unreadable + " unreadable input(s)"
                + (diffGoldenCount > 0 ? ", " + diffGoldenCount + " policy diff(s)" : "") + ": "
                + matched + " match, " + changed + " changed" + (update ? ", " + written + " golden(s) written" : ""));
        out.flush();
        err.flush();
        // An unreadable input fails the replay even when its golden records the error: it is never
        // allowed to fade into a passing run.
        return changed > 0 || unreadable > 0 ? ExitCodes.FAIL : ExitCodes.OK;
    }
}
