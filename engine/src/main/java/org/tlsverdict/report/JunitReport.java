package org.tlsverdict.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Status;
import org.tlsverdict.policy.Verdict;

/**
 * JUnit XML for CI dashboards, valid against the common Jenkins/xunit {@code junit-10.xsd}: one
 * test suite per endpoint, one test case per criterion, named by the criterion id (stable across
 * policy versions and title edits); FAIL is a failure, INCONCLUSIVE and NOT_APPLICABLE are skipped
 * (with the reason), WARN passes with output. The two kinds of skipped case are told apart by the
 * {@code type} of the {@code <skipped>} and by the suite's property named after the criterion (the
 * schema allows no attributes or properties of our own on a test case); an input that could not be
 * read is a suite with an {@code <error>}. Policy diffs have one test case per endpoint x changed criterion.
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
        List<VerdictReport.InputError> errors = report.errors() == null ? List.of() : report.errors();
        for (EndpointResult e : report.results()) {
            for (Verdict v : e.verdicts()) {
                tests++;
                failures += v.status() == Status.FAIL ? 1 : 0;
            }
        }
        String policy = report.policy().id() + " " + report.policy().version();
        sb.append("<testsuites name=\"tlsverdict ").append(esc(report.policy().id())).append("\" tests=\"").append(tests + errors.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors.size()).append("\">\n");
        for (EndpointResult e : report.results()) {
            List<Verdict> vs = e.verdicts();
            String endpoint = e.endpoint().host() + ":" + e.endpoint().port();
            String classname = e.source() == null ? endpoint : endpoint + " [" + e.source() + "]";
            sb.append("  <testsuite name=\"").append(esc(classname)).append("\" tests=\"").append(vs.size())
                    .append("\" failures=\"").append(vs.stream().filter(v -> v.status() == Status.FAIL).count())
                    .append("\" errors=\"0\" skipped=\"")
                    .append(vs.stream().filter(v -> v.status() == Status.INCONCLUSIVE || v.status() == Status.NOT_APPLICABLE).count())
                    .append("\" file=\"").append(esc(e.source())).append("\">\n");
            sb.append("    <properties>\n");
            property(sb, "policy", policy);
            property(sb, "endpoint", endpoint);
            if (e.domain() != null) {
                property(sb, "domain", e.domain());
            }
            property(sb, "source", e.source());
            property(sb, "status", e.status().name());
            for (Verdict v : vs) {
                property(sb, v.criterion(), v.status().name());
            }
            sb.append("    </properties>\n");
            for (Verdict v : vs) {
                sb.append("    <testcase classname=\"").append(esc(classname)).append("\" name=\"").append(esc(v.criterion()))
                        .append("\"");
                switch (v.status()) {
                    case FAIL -> sb.append(">\n      <failure message=\"").append(esc(v.message())).append("\" type=\"").append(esc(v.level()))
                            .append("\">").append(esc(v.title() + (v.expected() == null ? "" : "\nexpected: " + v.expected())))
                            .append("</failure>\n    </testcase>\n");
                    case INCONCLUSIVE, NOT_APPLICABLE -> {
                        sb.append(">\n      <skipped type=\"").append(v.status()).append("\" message=\"").append(v.status()).append(": ")
                                .append(esc(v.message())).append("\"/>\n");
                        if (v.collect() != null) {
                            sb.append("      <system-out>").append(esc("to decide it, collect: " + String.join("; ",
                                    v.collect().stream().map(org.tlsverdict.policy.CollectHint::describe).toList()))).append("</system-out>\n");
                        }
                        sb.append("    </testcase>\n");
                    }
                    case WARN -> sb.append(">\n      <system-out>WARN: ").append(esc(v.message())).append("</system-out>\n    </testcase>\n");
                    default -> sb.append("/>\n");
                }
            }
            sb.append("  </testsuite>\n");
        }
        for (VerdictReport.InputError e : errors) {
            sb.append("  <testsuite name=\"").append(esc(e.source())).append("\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" file=\"")
                    .append(esc(e.source())).append("\">\n    <testcase classname=\"").append(esc(e.source()))
                    .append("\" name=\"input\">\n      <error type=\"unreadable input\" message=\"")
                    .append(esc(e.message())).append("\"/>\n    </testcase>\n  </testsuite>\n");
        }
        return sb.append("</testsuites>\n").toString();
    }

    private static void property(StringBuilder sb, String name, String value) {
        sb.append("      <property name=\"").append(esc(name)).append("\" value=\"").append(esc(value)).append("\"/>\n");
    }

    /**
     * A policy diff: a first test suite {@code criteria} with the counts per bucket as properties
     * and one test case per changed criterion (its rule-file diffs in {@code <system-out>}); then
     * one test suite per endpoint, one test case per criterion that is not unchanged, named
     * {@code CRITERION bucket: FROM -> TO}. A verdict that became FAIL is a failure; every other
     * change passes and says what changed and why.
     */
    static String renderDiff(DiffReport diff) {
        Map<String, List<DiffReport.Change>> byEndpoint = new LinkedHashMap<>();
        diff.changes().forEach(c -> byEndpoint.computeIfAbsent(c.source() + "\0" + c.endpoint(), k -> new ArrayList<>()).add(c));
        long failures = diff.changes().stream().filter(DiffReport.Change::newlyFailing).count();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        trustedNote(sb, diff.from().trusted() || diff.to().trusted());
        sb.append("<testsuites name=\"tlsverdict diff ").append(esc(diff.from().id() + " " + diff.from().version())).append(" -> ")
                .append(esc(diff.to().id() + " " + diff.to().version())).append("\" tests=\"").append(diff.criteria().size() + diff.changes().size())
                .append("\" failures=\"").append(failures).append("\" skipped=\"0\">\n");
        sb.append("  <testsuite name=\"criteria\" tests=\"").append(diff.criteria().size()).append("\" failures=\"0\" skipped=\"0\">\n");
        sb.append("    <properties>\n");
        property(sb, "from", diff.from().id() + " " + diff.from().version() + " (" + diff.from().path() + ")");
        property(sb, "to", diff.to().id() + " " + diff.to().version() + " (" + diff.to().path() + ")");
        for (Bucket b : Bucket.values()) {
            property(sb, b.key(), String.valueOf(diff.summary().count(b)));
        }
        property(sb, "total", String.valueOf(diff.summary().total()));
        diff.warnings().forEach(w -> property(sb, "warning", w));
        sb.append("    </properties>\n");
        for (DiffReport.CriterionChange c : diff.criteria()) {
            StringBuilder out = new StringBuilder(c.change()).append("; endpoints: ").append(DiffText.endpoints(c.endpoints())).append('\n');
            for (DiffReport.FileChange f : diff.files()) {
                if (c.files() != null && c.files().contains(f.file())) {
                    out.append(f.file()).append(" (").append(f.change()).append(")\n");
                    f.diff().forEach(l -> out.append(l).append('\n'));
                }
            }
            sb.append("    <testcase classname=\"criteria\" name=\"").append(esc(c.criterion() + " " + c.change())).append("\">\n")
                    .append("      <system-out>").append(esc(out.toString())).append("</system-out>\n    </testcase>\n");
        }
        sb.append("  </testsuite>\n");
        for (List<DiffReport.Change> changes : byEndpoint.values()) {
            DiffReport.Change first = changes.get(0);
            suite(sb, first.endpoint(), changes.size(), changes.stream().filter(DiffReport.Change::newlyFailing).count(), 0, first.source());
            for (DiffReport.Change c : changes) {
                String move = c.bucket().label() + ": " + c.move();
                String now = c.toMessage() != null ? c.toMessage() : c.fromMessage();
                sb.append("    <testcase classname=\"").append(esc(c.endpoint())).append("\" name=\"").append(esc(c.criterion() + " " + move))
                        .append("\">\n");
                if (c.newlyFailing()) {
                    sb.append("      <failure message=\"").append(esc(now)).append("\" type=\"").append(esc(c.bucket().key())).append("\">")
                            .append(esc((c.fromMessage() == null ? "" : "was: " + c.fromMessage() + "\n") + DiffText.because(diff, c)))
                            .append("</failure>\n");
                } else {
                    sb.append("      <system-out>").append(esc(move + ": " + now + "\n" + DiffText.because(diff, c))).append("</system-out>\n");
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
