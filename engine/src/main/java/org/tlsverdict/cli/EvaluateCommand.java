package org.tlsverdict.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.tlsverdict.collect.importer.ImportTarget;
import org.tlsverdict.facts.FactsFormatException;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Timing;
import org.tlsverdict.report.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate facts files against a policy. Exit 0: nothing fails at the --fail-on level; 1: something does"
                + " (by default a FAIL of a MUST criterion); 2: usage or input error; 3: internal error.")
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TrustRulesOption trust;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "facts files (tlsverdict/facts/v1, JSON or YAML) or scanner output (testssl.sh JSON or CSV, nmap XML/text, sslscan XML, sslyze JSON)")
    List<Path> files;

    @Option(names = "--policy", required = true, paramLabel = "DIR", description = "policy folder (e.g. rules/privacyguides-proposed) or a shipped policy id (see tlsverdict policies)")
    Path policyDir;

    @Option(names = "--format", defaultValue = "text", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--explain", description = "show per verdict the rule, its source citation and each fact with its provenance")
    boolean explain;

    @Option(names = "--at", paramLabel = "INSTANT", description = "judge certificate validity at this ISO-8601 instant instead of now")
    Instant at;

    @Option(names = "--no-color", description = "never colour the text output")
    boolean noColor;

    @Mixin
    VerdictOptions verdictOptions = new VerdictOptions();

    @Option(names = "--from", paramLabel = "FORMAT", description = "force the input format: facts, testssl, nmap-xml, nmap-text, sslscan, sslyze (default: detected)")
    String from;

    @Option(names = "--target", paramLabel = "HOST:PORT", description = "host and port of scanner output that does not name them (an nmap paste without its 'Nmap scan report for' or port line)")
    String target;

    @Mixin
    WatchOption watchOption = new WatchOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (watchOption.watch && files.stream().anyMatch(f -> f.toString().equals(org.tlsverdict.collect.InputReader.STDIN))) {
            err.println("tlsverdict: --watch needs files to watch, not standard input ('-')");
            return ExitCodes.ERROR;
        }
        if (!PolicyOption.knownFormat(from, err)) {
            return ExitCodes.ERROR;
        }
        ImportTarget importTarget;
        try {
            importTarget = target == null ? null : ImportTarget.parse(target);
        } catch (FactsFormatException e) {
            err.println("tlsverdict: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        Timing.mark("arguments parsed");
        List<Batch.Input> inputs = files.stream().map(f -> new Batch.Input(f, f.toString())).toList();
        CompiledPolicy policy;
        Batch.Judged outcome;
        try (Batch batch = new Batch()) {
            batch.readAhead(inputs, from, importTarget);
            policy = PolicyOption.compile(spec, policyDir, err, trust.trustRules);
            if (policy == null) {
                return ExitCodes.ERROR;
            }
            Timing.mark("policy ready");
            outcome = batch.run(policy, inputs, at == null ? Instant.now() : at, from, importTarget);
        }
        Timing.mark("inputs judged");
        outcome.errors().forEach(e -> err.println(e.message()));
        int code = Verdicts.print(policy, outcome.results(), outcome.errors(), format, explain, noColor || !Terminal.of(spec).console(), verdictOptions, out);
        out.flush();
        Timing.mark("report printed");
        return watchOption.watch ? watch(policy, importTarget, out, err) : code;
    }

    /** After the first report: re-judge on every save and print only what changed. */
    private int watch(CompiledPolicy policy, ImportTarget importTarget, PrintWriter out, PrintWriter err) {
        try (WatchedVerdicts verdicts = new WatchedVerdicts(policyDir, policy, trust.trustRules, at == null ? Instant.now() : at, from, importTarget);
             Watcher watcher = new Watcher(p -> verdicts.isInput(p) || verdicts.isPolicyFile(p))) {
            verdicts.inputs(files.stream().map(f -> new Batch.Input(f, f.toString())).toList());
            verdicts.rejudge();
            verdicts.watchAll(watcher);
            return WatchLoop.run(watcher, changed -> verdicts.after(changed, watcher), out, err);
        } catch (java.io.IOException e) {
            err.println("tlsverdict: cannot watch: " + e.getMessage());
            return ExitCodes.ERROR;
        }
    }
}
