package org.tlsverdict.cli;

import java.io.PrintWriter;
import org.tlsverdict.report.VerdictReport;
import picocli.CommandLine.Option;

/**
 * {@code --trust-rules}: the opt-out of the rule check for people who own their policies and want
 * full Java in rule files. Off by default; every report made with it says so in its header.
 */
final class TrustRulesOption {

    @Option(names = "--trust-rules",
            description = "compile rule files as full Java without the rule check (only for policies you own; see docs/security.md)")
    boolean trustRules;

    /** For outputs that are not a verdict report (replay, test, rules): the same note as a first line. */
    void announce(PrintWriter out) {
        if (trustRules) {
            out.println(VerdictReport.PolicyRef.TRUSTED_NOTE);
        }
    }
}
