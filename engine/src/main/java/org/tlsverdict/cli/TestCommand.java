package org.tlsverdict.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.PolicyLoader;
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

    /** The policies of the run by folder as given, and their cases' runs: --watch starts from them. */
    private final java.util.Map<Path, CompiledPolicy> compiled = new java.util.LinkedHashMap<>();
    private final java.util.Map<Path, CaseRunner.Run> runs = new java.util.HashMap<>();

    @Override
    public Integer call() {
        int code = testOnce();
        if (!watchOption.watch || compiled.isEmpty()) {
            return code;
        }
        return new TestWatch(compiled, runs, trust.trustRules, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
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
            runs.put(dir, run);
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
