package org.tlsverdict.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Criterion;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evidence;
import org.tlsverdict.policy.RuleFile;
import org.tlsverdict.policy.Status;
import org.tlsverdict.policy.Verdict;

/**
 * {@code tlsverdict/diff/v1}: how verdicts change between two versions of a policy on the same
 * inputs, with the criterion texts and rule lines that changed and the evidence behind each change.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"schema", "from", "to", "summary", "criteria", "changes", "errors"})
public record DiffReport(String schema, VerdictReport.PolicyRef from, VerdictReport.PolicyRef to, Summary summary,
                         List<CriterionChange> criteria, List<Change> changes, List<VerdictReport.InputError> errors) {

    public static final String SCHEMA = "tlsverdict/diff/v1";

    @JsonPropertyOrder({"newlyFailing", "newlyPassing", "otherChanges", "unchanged", "criteriaAdded", "criteriaRemoved", "criteriaEdited"})
    public record Summary(int newlyFailing, int newlyPassing, int otherChanges, int unchanged, int criteriaAdded,
                          int criteriaRemoved, int criteriaEdited) {
    }

    /** A criterion added, removed or edited (metadata or rule lines). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"criterion", "change", "title", "level", "expect", "ruleLines"})
    public record CriterionChange(String criterion, String change, List<String> title, List<String> level,
                                  List<String> expect, List<String> ruleLines) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"source", "endpoint", "criterion", "from", "to", "fromMessage", "toMessage", "evidence"})
    public record Change(String source, String endpoint, String criterion, Status from, Status to, String fromMessage,
                         String toMessage, List<Evidence> evidence) {

        public boolean newlyFailing() {
            return to == Status.FAIL && from != Status.FAIL;
        }

        public boolean newlyPassing() {
            return to == Status.PASS && from != Status.PASS;
        }
    }

    public static DiffReport of(CompiledPolicy a, List<EndpointResult> ra, CompiledPolicy b, List<EndpointResult> rb,
                                List<VerdictReport.InputError> errors) {
        List<CriterionChange> criteria = criteria(a, b);
        Map<String, EndpointResult> before = index(ra);
        Map<String, EndpointResult> after = index(rb);
        List<Change> changes = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<String, EndpointResult> e : after.entrySet()) {
            EndpointResult old = before.get(e.getKey());
            Map<String, Verdict> oldVerdicts = new HashMap<>();
            if (old != null) {
                old.verdicts().forEach(v -> oldVerdicts.put(v.criterion(), v));
            }
            for (Verdict v : e.getValue().verdicts()) {
                Verdict o = oldVerdicts.get(v.criterion());
                if (o != null && o.status() == v.status()) {
                    unchanged++;
                    continue;
                }
                Set<Evidence> evidence = new LinkedHashSet<>(v.evidence());
                if (o != null) {
                    evidence.removeAll(o.evidence());
                }
                EndpointResult r = e.getValue();
                changes.add(new Change(r.source(), subject(r), v.criterion(),
                        o == null ? null : o.status(), v.status(), o == null ? null : o.message(), v.message(),
                        List.copyOf(evidence.isEmpty() ? v.evidence() : evidence)));
            }
        }
        int newlyFailing = (int) changes.stream().filter(Change::newlyFailing).count();
        int newlyPassing = (int) changes.stream().filter(Change::newlyPassing).count();
        Summary s = new Summary(newlyFailing, newlyPassing, changes.size() - newlyFailing - newlyPassing, unchanged,
                (int) criteria.stream().filter(c -> c.change().equals("added")).count(),
                (int) criteria.stream().filter(c -> c.change().equals("removed")).count(),
                (int) criteria.stream().filter(c -> c.change().equals("edited")).count());
        return new DiffReport(SCHEMA, ref(a), ref(b), s, criteria, changes, errors);
    }

    private static VerdictReport.PolicyRef ref(CompiledPolicy p) {
        return VerdictReport.PolicyRef.of(p);
    }

    private static Map<String, EndpointResult> index(List<EndpointResult> results) {
        Map<String, EndpointResult> out = new TreeMap<>();
        results.forEach(r -> out.put(r.source() + " " + subject(r), r));
        return out;
    }

    /** "host:port", or "domain <name>" for a mail domain judged on its own (never confused with an endpoint). */
    static String subject(EndpointResult r) {
        return r.domain() != null ? "domain " + r.domain() : r.endpoint().host() + ":" + r.endpoint().port();
    }

    static List<CriterionChange> criteria(CompiledPolicy a, CompiledPolicy b) {
        Map<String, Criterion> ca = new TreeMap<>();
        a.criteria().forEach(c -> ca.put(c.id(), c));
        Map<String, Criterion> cb = new TreeMap<>();
        b.criteria().forEach(c -> cb.put(c.id(), c));
        List<CriterionChange> out = new ArrayList<>();
        for (String id : ca.keySet()) {
            if (!cb.containsKey(id)) {
                out.add(new CriterionChange(id, "removed", List.of(ca.get(id).title()), null, null, null));
            }
        }
        for (Criterion n : cb.values()) {
            Criterion o = ca.get(n.id());
            if (o == null) {
                out.add(new CriterionChange(n.id(), "added", List.of(n.title()), List.of(n.level()),
                        n.expect() == null ? null : List.of(n.expect()), null));
                continue;
            }
            List<String> lines = ruleLines(text(a, o), text(b, n));
            boolean edited = !Objects.equals(o.title(), n.title()) || !Objects.equals(o.level(), n.level())
                    || !Objects.equals(o.expect(), n.expect()) || !lines.isEmpty();
            if (edited) {
                out.add(new CriterionChange(n.id(), "edited", pair(o.title(), n.title()), pair(o.level(), n.level()),
                        pair(o.expect(), n.expect()), lines));
            }
        }
        return out;
    }

    private static List<String> pair(String a, String b) {
        return Objects.equals(a, b) ? null : java.util.Arrays.asList(a, b);
    }

    private static String text(CompiledPolicy p, Criterion c) {
        return p.policy().ruleFiles().stream().filter(f -> f.label().equals(c.file())).map(RuleFile::text).findFirst().orElse("");
    }

    /** Lines only in the old rule file ("- ...") and only in the new one ("+ ..."), blank lines ignored. */
    static List<String> ruleLines(String oldText, String newText) {
        List<String> a = oldText.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<String> b = newText.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<String> out = new ArrayList<>();
        a.stream().filter(l -> !b.contains(l)).forEach(l -> out.add("- " + l));
        b.stream().filter(l -> !a.contains(l)).forEach(l -> out.add("+ " + l));
        return out;
    }

    public String text() {
        StringBuilder sb = new StringBuilder("diff ").append(from.path()).append(" (").append(from.version()).append(") -> ")
                .append(to.path()).append(" (").append(to.version()).append(")\n");
        trustedLine(sb, "");
        for (CriterionChange c : criteria) {
            sb.append("\ncriterion ").append(c.criterion()).append(" ").append(c.change()).append('\n');
            if (c.title() != null) {
                sb.append("  title: ").append(String.join(" -> ", c.title())).append('\n');
            }
            if (c.level() != null && c.change().equals("edited")) {
                sb.append("  level: ").append(String.join(" -> ", c.level())).append('\n');
            }
            if (c.expect() != null) {
                sb.append("  expect: ").append(String.join(" -> ", c.expect().stream().map(String::valueOf).toList())).append('\n');
            }
            if (c.ruleLines() != null) {
                c.ruleLines().forEach(l -> sb.append("  ").append(l).append('\n'));
            }
        }
        if (!changes.isEmpty()) {
            sb.append('\n');
        }
        for (Change c : changes) {
            sb.append(c.newlyFailing() ? "STRICTER " : c.newlyPassing() ? "RELAXED  " : "CHANGED  ")
                    .append(c.endpoint()).append(' ').append(c.criterion()).append(": ")
                    .append(c.from() == null ? "(new)" : c.from()).append(" -> ").append(c.to())
                    .append("  [").append(c.source()).append("]\n");
            if (c.fromMessage() != null) {
                sb.append("    was: ").append(c.fromMessage()).append('\n');
            }
            sb.append("    now: ").append(c.toMessage()).append('\n');
            c.evidence().stream().limit(5).forEach(e -> sb.append("    - ").append(e.observed())
                    .append(e.raw() == null ? "" : "  [" + e.raw() + "]").append('\n'));
        }
        sb.append('\n').append(summary.newlyFailing()).append(" newly failing, ").append(summary.newlyPassing())
                .append(" newly passing, ").append(summary.otherChanges()).append(" other changes, ").append(summary.unchanged())
                .append(" unchanged; criteria: ").append(summary.criteriaAdded()).append(" added, ")
                .append(summary.criteriaRemoved()).append(" removed, ").append(summary.criteriaEdited()).append(" edited\n");
        if (errors != null) {
            errors.forEach(e -> sb.append("error: ").append(e.message()).append('\n'));
        }
        return sb.toString();
    }

    /** One header line when either side was compiled with --trust-rules. */
    private void trustedLine(StringBuilder sb, String prefix) {
        if (from.trusted() || to.trusted()) {
            sb.append(prefix).append(VerdictReport.PolicyRef.TRUSTED_NOTE).append(prefix.isEmpty() ? "\n" : "\n\n");
        }
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder("### ").append(from.path()).append(" → ").append(to.path()).append("\n\n");
        trustedLine(sb, "> ");
        sb.append("| Endpoint | Criterion | Before | After | Now |\n|---|---|---|---|---|\n");
        for (Change c : changes) {
            sb.append("| `").append(c.endpoint()).append("` | ").append(c.criterion()).append(" | ")
                    .append(c.from() == null ? "—" : c.from()).append(" | ").append(c.to()).append(" | ")
                    .append(MarkdownReport.escape(c.toMessage())).append(" |\n");
        }
        sb.append("\n").append(summary.newlyFailing()).append(" newly failing, ").append(summary.newlyPassing())
                .append(" newly passing, ").append(summary.otherChanges()).append(" other changes, ")
                .append(summary.unchanged()).append(" unchanged\n");
        return sb.toString();
    }
}
