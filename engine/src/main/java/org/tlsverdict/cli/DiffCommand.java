package org.tlsverdict.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.tlsverdict.collect.InputFiles;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.PairEvaluator;
import org.tlsverdict.policy.PolicyException;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.policy.Status;
import org.tlsverdict.report.DiffReport;
import org.tlsverdict.report.Format;
import org.tlsverdict.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare verdicts of two policy versions (folders or git:REV:PATH) on the same saved scans.",
                "Every endpoint x criterion lands in one bucket: newly failing, newly passing, other status change, reason changed,",
                "removed, added or unchanged; every change names the rule files behind it.",
                "Exit 0: nothing became FAIL; 1: some verdict became FAIL (or a --fail-on status); 2: usage, policy or revision error."})
public final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TrustRulesOption trust;

    @Option(names = "--from", required = true, paramLabel = "A", description = "old policy: a folder or git:REV:rules/<id>")
    String from;

    @Option(names = "--to", required = true, paramLabel = "B", description = "new policy: a folder or git:REV:rules/<id>")
    String to;

    @Parameters(arity = "0..*", paramLabel = "DIR", description = "folders or files of saved scans; default: fixtures")
    List<Path> dirs;

    @Option(names = "--format", defaultValue = "text", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Mixin
    GoldenInstant judgedAt;

    @Option(names = "--fail-on", split = ",", paramLabel = "STATUS",
            description = "also exit 1 when a verdict became one of these: warn, inconclusive (FAIL always counts)")
    List<FailOn> failOn;

    /** Statuses besides FAIL that may fail a diff. */
    enum FailOn {
        warn(Status.WARN), inconclusive(Status.INCONCLUSIVE);

        final Status status;

        FailOn(Status status) {
            this.status = status;
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path scratch = Files.createTempDirectory("tlsverdict-diff");
        try {
            CompiledPolicy a;
            CompiledPolicy b;
            RuleCompiler compiler = RuleCompiler.withDefaultCache(trust.trustRules);
            try {
                a = compiler.compile(PolicySpec.load(from, scratch.resolve("from")));
                b = compiler.compile(PolicySpec.load(to, scratch.resolve("to")));
            } catch (PolicyException e) {
                err.println(e.getMessage());
                err.flush();
                return ExitCodes.ERROR;
            }
            List<Path> roots = dirs == null || dirs.isEmpty() ? List.of(Path.of("fixtures")) : dirs;
            List<Batch.Input> inputs = new ArrayList<>();
            for (Path r : roots) {
                if (!Files.exists(r)) {
                    err.println(r + ": no such folder");
                    return ExitCodes.ERROR;
                }
            }
            for (Map.Entry<Path, List<Path>> f : InputFiles.byFolder(roots).entrySet()) {
                f.getValue().forEach(p -> inputs.add(new Batch.Input(p, p.toString().replace('\\', '/'))));
            }
            Batch.JudgedPair judged;
            try (Batch batch = new Batch()) {
                judged = batch.runPair(new PairEvaluator(a, b, compiler, CipherRegistry.standard(), judgedAt.at), inputs, null);
            }
            judged.errors().forEach(e -> err.println(e.message()));
            DiffReport report = DiffReport.of(a, judged.before(), b, judged.after(), judged.errors());
            out.print(ReportWriter.renderDiff(report, b, format));
            out.flush();
            err.flush();
            Set<Status> extra = EnumSet.noneOf(Status.class);
            if (failOn != null) {
                failOn.forEach(f -> extra.add(f.status));
            }
            return report.anyBecame(extra) ? ExitCodes.FAIL : ExitCodes.OK;
        } finally {
            try (Stream<Path> s = Files.walk(scratch)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
