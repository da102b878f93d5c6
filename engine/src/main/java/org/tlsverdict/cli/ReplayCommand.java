package org.tlsverdict.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tlsverdict.collect.InputFiles;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.PolicyException;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Futures;
import org.tlsverdict.report.Format;
import org.tlsverdict.report.JsonReportStream;
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

    @Mixin
    GoldenInstant judgedAt;

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

    private record Streamed(int endpoints, int unreadable, Compared compared) {
    }

    /**
     * Judges a folder and compares its report with the golden as it is made, window by window of
     * files (see {@link Batch#stream}): the report of a big folder is too large to hold, and is never
     * held whole unless it differs from the golden. The same bytes as {@link #compare} of the whole report.
     */
    private Streamed streamed(Batch batch, CompiledPolicy policy, List<Batch.Input> inputs, Path golden, PrintWriter err, Path dir,
                              PrintWriter out) throws IOException {
        // Reports list results by source; a window of consecutive labels is then one stretch of the report.
        List<Batch.Input> sorted = inputs.stream().sorted(java.util.Comparator.comparing(Batch.Input::label)).toList();
        int[] counts = new int[6];
        List<VerdictReport.InputError> errors = new ArrayList<>();
        IOException[] failed = new IOException[1];
        // A window's results are compared with the golden on a thread of their own while the next
        // window is read and judged; one window at a time, in order.
        java.util.concurrent.ExecutorService comparer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tlsverdict-golden");
            t.setDaemon(true);
            return t;
        });
        List<java.util.concurrent.Future<?>> comparing = new ArrayList<>(1);
        try (GoldenStream stream = new GoldenStream(golden)) {
            boolean[] any = new boolean[1];
            batch.stream(policy, sorted, judgedAt.at, null, null, (results, windowErrors) -> {
                errors.addAll(windowErrors);
                windowErrors.forEach(e -> err.println(dir + "/" + e.message()));
                List<EndpointResult> ordered = results.stream().sorted(VerdictReport.ORDER).toList();
                awaitComparison(comparing);
                if (failed[0] != null) {
                    // The replay stops with the failure: nothing more to count or compare.
                    return;
                }
                List<byte[]> pieces = batch.render(ordered, counts);
                comparing.add(comparer.submit(() -> {
                    try {
                        for (byte[] piece : pieces) {
                            if (any[0]) {
                                stream.write(JsonReportStream.SEPARATOR);
                            }
                            stream.write(piece);
                            any[0] = true;
                        }
                    } catch (IOException e) {
                        failed[0] = e;
                    }
                }));
            });
            awaitComparison(comparing);
            if (failed[0] != null) {
                throw failed[0];
            }
            JsonReportStream.Frame frame = JsonReportStream.frame(policy, JsonReportStream.summary(counts),
                    errors.stream().sorted(java.util.Comparator.comparing(VerdictReport.InputError::source)).toList());
            Compared c;
            if (stream.finish(frame.head(), frame.tail(any[0]))) {
                c = Compared.MATCH;
            } else if (update) {
                stream.writeGolden();
                out.println((stream.goldenExists() ? "updated " : "created ") + golden);
                c = Compared.WRITTEN;
            } else if (!stream.goldenExists()) {
                out.println("MISSING " + golden + " (run with --update to create it)");
                c = Compared.CHANGED;
            } else {
                out.println("CHANGED " + golden);
                GoldenDiff.changes(Files.readString(golden, StandardCharsets.UTF_8), stream.fresh()).forEach(line -> out.println("  " + line));
                c = Compared.CHANGED;
            }
            return new Streamed(counts[0], errors.size(), c);
        } finally {
            comparer.shutdownNow();
        }
    }

    /** Waits for the comparison under way, if any (what it found is in the stream, or its failure in {@code failed}). */
    private static void awaitComparison(List<java.util.concurrent.Future<?>> comparing) {
        Futures.awaitAll(comparing);
        comparing.clear();
    }

    /** Formats read by programs, and the forum matrix: one document on stdout, nothing else. */
    private static boolean oneDocument(Format f) {
        return f != null && f != Format.text;
    }

    @Mixin
    WatchOption watchOption = new WatchOption();

    /** The policy of the first run, kept for --watch. */
    private CompiledPolicy compiled;

    @Override
    public Integer call() {
        int code = replayOnce();
        if (!watchOption.watch || compiled == null || code == ExitCodes.ERROR) {
            return code;
        }
        return watch(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    private List<Path> roots() {
        return dirs == null || dirs.isEmpty() ? List.of(Path.of("fixtures")) : dirs;
    }

    /** Every input under the folders, labelled by its folder and its path there. */
    private List<Batch.Input> allInputs() {
        List<Batch.Input> out = new ArrayList<>();
        InputFiles.byFolder(roots()).forEach((dir, files) -> files.forEach(p ->
                out.add(new Batch.Input(p, (dir + "/" + dir.relativize(p)).replace('\\', '/')))));
        return out;
    }

    /**
     * After the first replay: re-judge on every save and print the verdicts that changed since the
     * last run (goldens are compared in the first run only: the changes printed are what a golden
     * comparison would report next).
     */
    private int watch(PrintWriter out, PrintWriter err) {
        List<Path> absRoots = roots().stream().map(WatchedVerdicts::key).toList();
        try (WatchedVerdicts verdicts = new WatchedVerdicts(policyDir, compiled, trust.trustRules, judgedAt.at, null, null);
             Watcher watcher = new Watcher(p -> verdicts.isPolicyFile(p) || verdicts.isInput(p)
                     || absRoots.stream().anyMatch(r -> p.startsWith(r) && !p.equals(r) && InputFiles.isInput(r.relativize(p))))) {
            verdicts.inputs(allInputs());
            verdicts.rejudge();
            verdicts.watchAll(watcher);
            for (Path r : roots()) {
                if (Files.isDirectory(r)) {
                    watcher.watchTree(r);
                }
            }
            return WatchLoop.run(watcher, changed -> {
                // A file added or removed changes the inputs; one saved is read again.
                verdicts.inputs(allInputs());
                return verdicts.after(changed, watcher);
            }, out, err);
        } catch (IOException e) {
            err.println("tlsverdict: cannot watch: " + e.getMessage());
            return ExitCodes.ERROR;
        }
    }

    private int replayOnce() {
        try (Batch batch = new Batch()) {
            return replayOnce(batch);
        }
    }

    /** A folder's inputs, labelled by their path in the folder (goldens stay portable). */
    private static List<Batch.Input> inputsOf(Path dir, List<Path> files) {
        return files.stream().map(p -> new Batch.Input(p, dir.relativize(p).toString().replace('\\', '/'))).toList();
    }

    private int replayOnce(Batch batch) {
        PrintWriter document = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = oneDocument(format) ? err : document;
        List<EndpointResult> allResults = new ArrayList<>();
        List<VerdictReport.InputError> allErrors = new ArrayList<>();
        List<Path> roots = dirs == null || dirs.isEmpty() ? List.of(Path.of("fixtures")) : dirs;
        // The folders are walked while the policy compiles (a folder of 100,000 files takes a while);
        // what the walk finds, or how it fails, is used only after the checks below, as before.
        // The first window of the first folder is then read on the pool (the first reads also make
        // Jackson's readers), which the policy's compilation leaves mostly idle.
        java.util.concurrent.FutureTask<Map<Path, List<Path>>> listing = new java.util.concurrent.FutureTask<>(() -> {
            Map<Path, List<Path>> found = InputFiles.byFolder(roots);
            found.entrySet().stream().findFirst().ifPresent(f -> batch.readAheadWindow(
                    inputsOf(f.getKey(), f.getValue()).stream().sorted(java.util.Comparator.comparing(Batch.Input::label)).toList()));
            return found;
        });
        Thread walker = new Thread(listing, "tlsverdict-inputs");
        walker.setDaemon(true);
        walker.start();
        CompiledPolicy policy = PolicyOption.compile(spec, policyDir, err, trust.trustRules);
        if (policy == null) {
            return ExitCodes.ERROR;
        }
        compiled = policy;
        trust.announce(out);
        for (Path r : roots) {
            if (!Files.exists(r)) {
                err.println(r + ": no such folder");
                return ExitCodes.ERROR;
            }
        }
        Map<Path, List<Path>> folders = Futures.await(listing);
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
        try (DiffGoldens diffGoldens = new DiffGoldens(judgedAt.at)) {
            for (Map.Entry<Path, List<Path>> folder : folders.entrySet()) {
                Path dir = folder.getKey();
                List<Batch.Input> inputs = inputsOf(dir, folder.getValue());
                Path golden = dir.resolve(InputFiles.GOLDEN_DIR).resolve(policy.policy().id() + ".json");
                Compared c;
                if (format == null) {
                    Streamed s = streamed(batch, policy, inputs, golden, err, dir, out);
                    endpoints += s.endpoints();
                    unreadable += s.unreadable();
                    c = s.compared();
                } else {
                    Batch.Judged o = batch.run(policy, inputs, judgedAt.at, null);
                    VerdictReport report = VerdictReport.of(policy, o.results(), o.errors());
                    endpoints += o.results().size();
                    unreadable += o.errors().size();
                    o.errors().forEach(e -> err.println(dir + "/" + e.message()));
                    String fresh = ReportWriter.render(report, policy, Format.json, false, false);
                    if (oneDocument(format)) {
                        // Sources relative to the working folder, so that SARIF and JUnit point at the files.
                        String prefix = dir.toString().replace('\\', '/') + "/";
                        o.results().forEach(r -> allResults.add(new EndpointResult(r.endpoint(), r.domain(), prefix + r.source(),
                                r.status(), r.verdicts())));
                        o.errors().forEach(e -> allErrors.add(new VerdictReport.InputError(prefix + e.source(), dir + "/" + e.message())));
                    } else {
                        out.println("== " + dir);
                        out.print(ReportWriter.render(report, policy, format, false, false));
                    }
                    c = compare(golden, fresh, GoldenDiff::changes, out);
                }
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
