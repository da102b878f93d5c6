package org.tlsverdict.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.FactsFormatException;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.report.Format;
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

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "facts files (tlsverdict/facts/v1, JSON or YAML)")
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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CompiledPolicy policy = PolicyOption.compile(policyDir, err);
        if (policy == null) {
            return ExitCodes.ERROR;
        }
        List<Verdicts.Input> inputs = new ArrayList<>();
        List<VerdictReport.InputError> errors = new ArrayList<>();
        for (Path file : files) {
            String label = file.toString();
            try {
                FactsDocument doc = InputReader.read(file, label);
                for (EndpointFacts e : doc.endpoints()) {
                    inputs.add(new Verdicts.Input(e, label));
                }
            } catch (FactsFormatException e) {
                errors.add(new VerdictReport.InputError(label, e.getMessage()));
                err.println(e.getMessage());
            }
        }
        return Verdicts.report(policy, inputs, errors, at, format, explain, noColor, out);
    }
}
