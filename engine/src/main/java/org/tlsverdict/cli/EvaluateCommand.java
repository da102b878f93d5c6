package org.tlsverdict.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.FactsFormatException;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.report.Format;
import org.tlsverdict.report.ReportWriter;
import org.tlsverdict.report.VerdictReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate facts files against a policy. Exit 0: no FAIL; 1: some FAIL; 2: usage or input error.")
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "facts files (tlsverdict/facts/v1, JSON or YAML) or scanner output (testssl.sh JSON, nmap XML/text, sslscan XML)")
    List<Path> files;

    @Option(names = "--policy", required = true, paramLabel = "DIR", description = "policy folder, e.g. rules/privacyguides-proposed")
    Path policyDir;

    @Option(names = "--format", defaultValue = "text", description = "text, json, yaml or markdown (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--explain", description = "show per verdict the rule, its source citation and each fact with its provenance")
    boolean explain;

    @Option(names = "--at", paramLabel = "INSTANT", description = "judge certificate validity at this ISO-8601 instant instead of now")
    Instant at;

    @Option(names = "--no-color", description = "never colour the text output")
    boolean noColor;

    @Option(names = "--from", paramLabel = "FORMAT", description = "force the input format: facts, testssl, nmap-xml, nmap-text, sslscan (default: detected)")
    String from;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (from != null && !InputReader.formats().contains(from)) {
            err.println("tlsverdict: unknown --from '" + from + "' (known: " + String.join(", ", InputReader.formats()) + ")");
            return ExitCodes.ERROR;
        }
        CompiledPolicy policy = PolicyOption.compile(policyDir, err);
        if (policy == null) {
            return ExitCodes.ERROR;
        }
        Evaluator evaluator = new Evaluator(policy, CipherRegistry.standard(), at == null ? Instant.now() : at);
        List<EndpointResult> results = new ArrayList<>();
        List<VerdictReport.InputError> errors = new ArrayList<>();
        for (Path file : files) {
            String label = file.toString();
            try {
                FactsDocument doc = InputReader.read(file, label, from);
                for (EndpointFacts e : doc.endpoints()) {
                    results.add(evaluator.evaluate(e, label, doc.domainsOrEmpty()));
                }
            } catch (FactsFormatException e) {
                errors.add(new VerdictReport.InputError(label, e.getMessage()));
                err.println(e.getMessage());
            }
        }
        VerdictReport report = VerdictReport.of(policy, results, errors);
        boolean color = !noColor && format == Format.text && System.console() != null && System.getenv("NO_COLOR") == null;
        out.print(ReportWriter.render(report, policy, format, explain, color));
        out.flush();
        if (!errors.isEmpty()) {
            return ExitCodes.ERROR;
        }
        return report.anyFail() ? ExitCodes.FAIL : ExitCodes.OK;
    }
}
