package org.tlsverdict.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Status;
import org.tlsverdict.policy.Verdict;

/**
 * JUnit XML for CI dashboards: one test suite per endpoint, one test case per criterion; FAIL is a
 * failure, INCONCLUSIVE and NOT_APPLICABLE are skipped (with the reason), WARN passes with output.
 * Policy diffs have one test case per endpoint x changed criterion.
 */
final class JunitReport {

    private JunitReport() {
    }

    /** JUnit XML has no header field for it; a comment before the root keeps consumers' schemas happy. */
    private static void trustedNote(StringBuilder sb, boolean trusted) {
        if (trusted) {
            sb.append("<!-- ").append(VerdictReport.PolicyRef.TRUSTED_NOTE).append(" -->\n");
        }
    }

    static String render(VerdictReport report) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        trustedNote(sb, report.policy().trusted());
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        for (EndpointResult e : report.results()) {
            for (Verdict v : e.verdicts()) {
                tests++;
                failures += v.status() == Status.FAIL ? 1 : 0;
                skipped += v.status() == Status.INCONCLUSIVE || v.status() == Status.NOT_APPLICABLE ? 1 : 0;
            }
        }
        sb.append("<testsuites name=\"tlsverdict ").append(esc(report.policy().id())).append("\" tests=\"").append(tests)
                .append("\" failures=\"").append(failures).append("\" skipped=\"").append(skipped).append("\">\n");
        for (EndpointResult e : report.results()) {
            List<Verdict> vs = e.verdicts();
            String name = e.endpoint().host() + ":" + e.endpoint().port();
            suite(sb, name, vs.size(), vs.stream().filter(v -> v.status() == Status.FAIL).count(),
                    vs.stream().filter(v -> v.status() == Status.INCONCLUSIVE || v.status() == Status.NOT_APPLICABLE).count(), e.source());
            for (Verdict v : vs) {
                sb.append("    <testcase classname=\"").append(esc(name)).append("\" name=\"").append(esc(v.criterion() + " " + v.title()))
                        .append("\"");
                switch (v.status()) {
                    case FAIL -> sb.append(">\n      <failure message=\"").append(esc(v.message())).append("\" type=\"").append(esc(v.level()))
                            .append("\">").append(esc(v.expected() == null ? "" : "expected: " + v.expected())).append("</failure>\n    </testcase>\n");
                    case INCONCLUSIVE, NOT_APPLICABLE -> sb.append(">\n      <skipped message=\"").append(v.status()).append(": ")
                            .append(esc(v.message())).append("\"/>\n    </testcase>\n");
                    case WARN -> sb.append(">\n      <system-out>WARN: ").append(esc(v.message())).append("</system-out>\n    </testcase>\n");
                    default -> sb.append("/>\n");
                }
            }
            sb.append("  </testsuite>\n");
        }
        return sb.append("</testsuites>\n").toString();
    }

    /**
     * A policy diff: one test suite per endpoint, one test case per changed criterion; a criterion
     * that became FAIL is a failure, every other change passes and says what changed.
     */
    static String renderDiff(DiffReport diff) {
        Map<String, List<DiffReport.Change>> byEndpoint = new LinkedHashMap<>();
        diff.changes().forEach(c -> byEndpoint.computeIfAbsent(c.source() + "\0" + c.endpoint(), k -> new ArrayList<>()).add(c));
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        trustedNote(sb, diff.from().trusted() || diff.to().trusted());
        sb.append("<testsuites name=\"tlsverdict diff ").append(esc(diff.from().id() + " " + diff.from().version())).append(" -> ")
                .append(esc(diff.to().id() + " " + diff.to().version())).append("\" tests=\"").append(diff.changes().size())
                .append("\" failures=\"").append(diff.summary().newlyFailing()).append("\" skipped=\"0\">\n");
        for (List<DiffReport.Change> changes : byEndpoint.values()) {
            DiffReport.Change first = changes.get(0);
            suite(sb, first.endpoint(), changes.size(), changes.stream().filter(DiffReport.Change::newlyFailing).count(), 0, first.source());
            for (DiffReport.Change c : changes) {
                String move = (c.from() == null ? "(new)" : c.from().name()) + " -> " + c.to();
                sb.append("    <testcase classname=\"").append(esc(c.endpoint())).append("\" name=\"").append(esc(c.criterion() + " " + move))
                        .append("\">\n");
                if (c.newlyFailing()) {
                    sb.append("      <failure message=\"").append(esc(c.toMessage())).append("\" type=\"").append(esc(move)).append("\">")
                            .append(esc(c.fromMessage() == null ? "" : "was: " + c.fromMessage())).append("</failure>\n");
                } else {
                    sb.append("      <system-out>").append(esc(move + ": " + c.toMessage())).append("</system-out>\n");
                }
                sb.append("    </testcase>\n");
            }
            sb.append("  </testsuite>\n");
        }
        return sb.append("</testsuites>\n").toString();
    }

    private static void suite(StringBuilder sb, String name, int tests, long failures, long skipped, String file) {
        sb.append("  <testsuite name=\"").append(esc(name)).append("\" tests=\"").append(tests)
                .append("\" failures=\"").append(failures).append("\" skipped=\"").append(skipped)
                .append("\" file=\"").append(esc(file)).append("\">\n");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
