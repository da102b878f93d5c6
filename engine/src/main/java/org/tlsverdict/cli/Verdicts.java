package org.tlsverdict.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.report.Format;
import org.tlsverdict.report.ReportWriter;
import org.tlsverdict.report.VerdictReport;

/**
 * The evaluate-and-report step of {@code scan} (and the report step of {@code evaluate}): judge
 * endpoints (with the facts of the mail domains collected in the same run) with
 * a compiled policy, print the report, and give the exit code (2 when an input failed, else 1 when a
 * verdict fails the run at the {@code --fail-on} level, else 0).
 */
final class Verdicts {

    /** Facts of one endpoint and the label its verdicts cite as source. */
    record Input(EndpointFacts facts, String source) {
    }

    private Verdicts() {
    }

    /** Endpoints with the domains of the same run; domains none of whose MX was scanned are judged on their own under {@code domainSource}. */
    static int report(CompiledPolicy policy, List<Input> inputs, FactsDocument doc, String domainSource,
                      List<VerdictReport.InputError> errors, Instant at, Format format, boolean explain, boolean noColor,
                      VerdictOptions options, PrintWriter out) {
        Evaluator evaluator = new Evaluator(policy, CipherRegistry.standard(), at == null ? Instant.now() : at);
        List<EndpointResult> results = new ArrayList<>();
        for (Input in : inputs) {
            results.add(evaluator.evaluate(in.facts(), in.source(), doc.domainsOrEmpty()));
        }
        for (DomainFacts d : Evaluator.unjudgedDomains(doc)) {
            results.add(evaluator.evaluateDomain(d, domainSource));
        }
        return print(policy, results, errors, format, explain, noColor, options, out);
    }

    /** Prints the report of judged endpoints and gives the exit code; {@code noColor}: --no-color, or not at a terminal ({@link Terminal}). */
    static int print(CompiledPolicy policy, List<EndpointResult> results, List<VerdictReport.InputError> errors,
                     Format format, boolean explain, boolean noColor, VerdictOptions options, PrintWriter out) {
        VerdictReport report = VerdictReport.of(policy, results, errors, options.onlyCollected);
        boolean color = !noColor && format == Format.text && System.getenv("NO_COLOR") == null;
        out.print(ReportWriter.render(report, policy, format, explain, color));
        out.flush();
        return options.exitCode(report, errors);
    }
}
