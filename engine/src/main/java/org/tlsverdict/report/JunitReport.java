package org.tlsverdict.report;

import java.util.List;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Status;
import org.tlsverdict.policy.Verdict;

/**
 * JUnit XML for CI dashboards: one test suite per endpoint, one test case per criterion; FAIL is a
 * failure, INCONCLUSIVE and NOT_APPLICABLE are skipped (with the reason), WARN passes with output.
 */
final class JunitReport {

    private JunitReport() {
    }

    static String render(VerdictReport report) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
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
            sb.append("  <testsuite name=\"").append(esc(name)).append("\" tests=\"").append(vs.size())
                    .append("\" failures=\"").append(vs.stream().filter(v -> v.status() == Status.FAIL).count())
                    .append("\" skipped=\"").append(vs.stream().filter(v -> v.status() == Status.INCONCLUSIVE || v.status() == Status.NOT_APPLICABLE).count())
                    .append("\" file=\"").append(esc(e.source())).append("\">\n");
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
