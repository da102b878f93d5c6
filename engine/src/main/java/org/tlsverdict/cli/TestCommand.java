package org.tlsverdict.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.BundledPolicies;
import org.tlsverdict.policy.PolicyException;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.policy.cases.CaseResult;
import org.tlsverdict.policy.cases.CaseRunner;
import org.tlsverdict.policy.cases.Coverage;
import org.tlsverdict.report.ResultJsonCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run the cases beside each criterion of the policies, in a fresh session and in the kept session"
                + " evaluate/replay/diff judge with (rules read from the compiled-rule cache also compiled from source; each result"
                + " written by both JSON writers), and lint the rule and cases files. Exit 1 on any failed case or lint problem.",
                "Shared rule folders (no policy.yaml, e.g. rules/common) are skipped with a note, so `rules/*` works."})
public final class TestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TrustRulesOption trust;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "policy folders, or shipped policy ids (see tlsverdict policies)")
    List<Path> policies;

    @Option(names = "--coverage", description = "list criteria and rules that no case fired")
    boolean coverage;

    @Mixin
    WatchOption watchOption = new WatchOption();

    /** The policies of the last run by folder as given, for --watch. */
    private final java.util.Map<Path, CompiledPolicy> compiled = new java.util.LinkedHashMap<>();
    /** Their cases' outcomes in that run ({@link #outcomes}): --watch starts from them instead of judging every case again. */
    private final java.util.Map<Path, java.util.Map<String, String>> firstOutcomes = new java.util.HashMap<>();

    @Override
    public Integer call() {
        int code = testOnce();
        if (!watchOption.watch || compiled.isEmpty()) {
            return code;
        }
        return watch(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** "policy: cases file: case" -> "passed" or "FAILED: why"; missing cases and lint problems as failures of their own. */
    private static java.util.Map<String, String> outcomes(CompiledPolicy policy) {
        return outcomes(policy, CaseRunner.run(policy, CipherRegistry.standard(), new ResultJsonCheck()));
    }

    private static java.util.Map<String, String> outcomes(CompiledPolicy policy, CaseRunner.Run run) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        String id = policy.policy().id();
        for (CaseResult r : run.results()) {
            out.merge(id + ": " + r.file() + ": " + r.name(), r.passed() ? "passed" : "FAILED (" + r.describeFailure() + ")", (a, b) -> b);
        }
        run.missingCases().forEach(m -> out.put(id + ": " + m, "FAILED (missing: every criterion needs a cases file)"));
        run.lint().forEach(l -> out.put(id + ": lint: " + l, "FAILED"));
        return out;
    }

    /** The folders whose files make a policy: its own, the policies it extends, the shared files it includes. */
    private static java.util.Set<Path> folders(CompiledPolicy policy) {
        java.util.Set<Path> out = new java.util.TreeSet<>();
        if (policy.policy().dir() != null) {
            out.add(WatchedVerdicts.key(policy.policy().dir()));
        }
        policy.policy().ruleFiles().stream().filter(f -> f.path() != null && f.path().getParent() != null
                        && f.path().getFileSystem() == java.nio.file.FileSystems.getDefault())
                .forEach(f -> out.add(WatchedVerdicts.key(f.path().getParent())));
        return out;
    }

    /** After the first run: on every save, run again the cases of the policies that file belongs to, and print the cases whose result changed. */
    private int watch(PrintWriter out, PrintWriter err) {
        java.util.Map<Path, java.util.Map<String, String>> last = new java.util.HashMap<>(firstOutcomes);
        java.util.function.Predicate<Path> ours = p -> Watcher.isPolicyFile(p)
                && compiled.values().stream().anyMatch(c -> folders(c).contains(p.getParent()));
        try (Watcher watcher = new Watcher(ours)) {
            for (CompiledPolicy c : compiled.values()) {
                for (Path d : folders(c)) {
                    watcher.watch(d);
                }
            }
            return WatchLoop.run(watcher, changed -> {
                java.util.List<String> lines = new java.util.ArrayList<>();
                for (java.util.Map.Entry<Path, CompiledPolicy> e : compiled.entrySet()) {
                    java.util.Set<Path> mine = folders(e.getValue());
                    if (changed.stream().noneMatch(p -> mine.contains(p.getParent()))) {
                        continue;
                    }
                    CompiledPolicy again;
                    try {
                        again = RuleCompiler.withDefaultCache(trust.trustRules).compile(PolicyLoader.load(BundledPolicies.locate(e.getKey().toString())));
                    } catch (PolicyException ex) {
                        lines.add(WatchLoop.firstLine(ex.getMessage()));
                        continue;
                    }
                    e.setValue(again);
                    java.util.Map<String, String> now = outcomes(again);
                    lines.addAll(WatchLoop.changes(last.get(e.getKey()), now));
                    last.put(e.getKey(), now);
                    try {
                        for (Path d : folders(again)) {
                            watcher.watch(d);
                        }
                    } catch (java.io.IOException ex) {
                        lines.add("cannot watch: " + ex.getMessage());
                    }
                }
                return lines;
            }, out, err);
        } catch (java.io.IOException e) {
            err.println("tlsverdict: cannot watch: " + e.getMessage());
            return ExitCodes.ERROR;
        }
    }

    private int testOnce() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long passed = 0;
        long failed = 0;
        boolean error = false;
        trust.announce(out);
        for (Path dir : policies) {
            if (Files.isDirectory(dir) && !Files.isRegularFile(dir.resolve(PolicyLoader.MANIFEST))) {
                // Shared folders are tested through the policies that include them.
                out.println(dir + ": skipped (no " + PolicyLoader.MANIFEST + ": a shared rule folder)");
                continue;
            }
            CompiledPolicy policy = PolicyOption.compile(spec, dir, err, trust.trustRules);
            if (policy == null) {
                error = true;
                continue;
            }
            compiled.put(dir, policy);
            CaseRunner.Run run = CaseRunner.run(policy, CipherRegistry.standard(), new ResultJsonCheck());
            firstOutcomes.put(dir, outcomes(policy, run));
            long p = CaseRunner.count(run.results(), true);
            long f = CaseRunner.count(run.results(), false) + run.missingCases().size() + run.lint().size();
            for (CaseResult r : run.results()) {
                if (!r.passed()) {
                    out.println("FAIL " + r.describeFailure());
                }
            }
            run.missingCases().forEach(m -> out.println("FAIL " + m + ": missing (every criterion needs a cases file)"));
            run.lint().forEach(l -> out.println("FAIL " + l));
            out.println(policy.policy().id() + ": " + p + " passed, " + f + " failed");
            if (coverage) {
                printCoverage(out, Coverage.of(policy, run.firedRules()));
            }
            passed += p;
            failed += f;
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        if (error) {
            return ExitCodes.ERROR;
        }
        return failed > 0 ? ExitCodes.FAIL : ExitCodes.OK;
    }

    private static void printCoverage(PrintWriter out, Coverage c) {
        if (c.criteriaNeverFired().isEmpty() && c.rulesNeverFired().isEmpty()) {
            out.println("  coverage: every criterion and rule fired in some case");
            return;
        }
        c.criteriaNeverFired().forEach(x -> out.println("  criterion never fired: " + x));
        c.rulesNeverFired().forEach(x -> out.println("  rule never fired: " + x));
    }
}
