package org.tlsverdict.cli;

import java.util.List;
import org.tlsverdict.policy.Verdict;
import org.tlsverdict.report.VerdictReport;
import picocli.CommandLine.Option;

/**
 * What a verdict report is judged on and which verdicts make the run fail: shared by the commands
 * that evaluate ({@code evaluate}, {@code scan --policy}).
 */
final class VerdictOptions {

    /** Verdicts that fail a run, each level including the ones before it. */
    enum FailOn {
        /** FAIL of a MUST or MUST_NOT criterion. */
        must,
        /** FAIL of any criterion (SHOULD, SHOULD_NOT and MAY too). */
        should,
        /** and WARN. */
        warn,
        /** and INCONCLUSIVE (with {@code --only-collected}, not the criteria whose facts were not collected). */
        inconclusive
    }

    @Option(names = "--fail-on", defaultValue = "must", paramLabel = "LEVEL",
            description = "exit 1 on: must (FAIL of a MUST criterion), should (any FAIL), warn (and WARN), inconclusive (and INCONCLUSIVE) (default: ${DEFAULT-VALUE})")
    FailOn failOn = FailOn.must;

    @Option(names = "--only-collected",
            description = "judge each endpoint on what was collected: criteria INCONCLUSIVE only for want of facts the input lacks are shown as NOT_COLLECTED and left out of the endpoint's status")
    boolean onlyCollected;

    static boolean isMust(String level) {
        return "MUST".equals(level) || "MUST_NOT".equals(level);
    }

    /** Whether a verdict fails the run at this level. */
    boolean fails(Verdict v, boolean scopeCollected) {
        return switch (v.status()) {
            case FAIL -> failOn != FailOn.must || isMust(v.level());
            case WARN -> failOn.compareTo(FailOn.warn) >= 0;
            case INCONCLUSIVE -> failOn == FailOn.inconclusive && !(scopeCollected && v.notCollected());
            case PASS, NOT_APPLICABLE -> false;
        };
    }

    /** The exit code of a report: 2 when an input could not be read, else 1 when a verdict fails the run, else 0. */
    int exitCode(VerdictReport report, List<VerdictReport.InputError> errors) {
        if (!errors.isEmpty()) {
            return ExitCodes.ERROR;
        }
        boolean fail = report.results().stream().flatMap(r -> r.verdicts().stream()).anyMatch(v -> fails(v, report.onlyCollected()));
        return fail ? ExitCodes.FAIL : ExitCodes.OK;
    }

}
