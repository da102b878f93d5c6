package org.tlsverdict.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Criterion;
import org.tlsverdict.policy.CriterionSources;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evidence;
import org.tlsverdict.policy.PolicyFamily;
import org.tlsverdict.policy.RuleFile;
import org.tlsverdict.policy.Status;
import org.tlsverdict.policy.Verdict;

/**
 * {@code tlsverdict/diff/v1}: how verdicts change between two versions of a policy on the same
 * inputs. Every endpoint x criterion of either version lands in exactly one {@link Bucket}; every
 * change names the rule files behind it (with a unified diff of each in {@code files}), or says
 * that the facts were derived differently.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"schema", "from", "to", "warnings", "summary", "criteria", "files", "changes", "errors"})
public record DiffReport(String schema, VerdictReport.PolicyRef from, VerdictReport.PolicyRef to, List<String> warnings,
                         Summary summary, List<CriterionChange> criteria, List<FileChange> files, List<Change> changes,
                         List<VerdictReport.InputError> errors) {

    public static final String SCHEMA = "tlsverdict/diff/v1";

    /**
     * Summary counts, one per bucket ({@code otherChanges} is {@link Bucket#STATUS_CHANGED}); they
     * add up to {@code total}, every endpoint x criterion of either version.
     */
    @JsonPropertyOrder({"newlyFailing", "newlyPassing", "otherChanges", "reasonChanged", "removed", "added", "unchanged", "total",
            "criteriaAdded", "criteriaRemoved", "criteriaEdited"})
    public record Summary(int newlyFailing, int newlyPassing, int otherChanges, int reasonChanged, int removed, int added,
                          int unchanged, int total, int criteriaAdded, int criteriaRemoved, int criteriaEdited) {

        public int count(Bucket b) {
            return switch (b) {
                case NEWLY_FAILING -> newlyFailing;
                case NEWLY_PASSING -> newlyPassing;
                case STATUS_CHANGED -> otherChanges;
                case REASON_CHANGED -> reasonChanged;
                case REMOVED -> removed;
                case ADDED -> added;
                case UNCHANGED -> unchanged;
            };
        }
    }

    /**
     * A criterion added, removed or edited. Edited means a rule file it depends on differs
     * ({@code files}: its own file, tables and classifications it reads) or its title, level or
     * expectation does; {@code ruleLines} are the changed lines of its own file, {@code endpoints}
     * those whose verdict on it changed.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"criterion", "change", "title", "level", "expect", "ruleLines", "files", "endpoints"})
    public record CriterionChange(String criterion, String change, List<String> title, List<String> level,
                                  List<String> expect, List<String> ruleLines, List<String> files, List<String> endpoints) {
    }

    /** A rule file that differs: {@code file} is the key criteria and changes name it by; {@code diff} is unified. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"file", "from", "to", "change", "diff"})
    public record FileChange(String file, String from, String to, String change, List<String> diff) {
    }

    /**
     * One endpoint x criterion that is not unchanged. {@code files} are the changed rule files it
     * depends on; {@code derived} is true when none changed, so the verdict moved because the
     * facts it reads were derived differently.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"source", "endpoint", "criterion", "bucket", "from", "to", "fromMessage", "toMessage", "files", "derived",
            "evidence"})
    public record Change(String source, String endpoint, String criterion, Bucket bucket, Status from, Status to,
                         String fromMessage, String toMessage, List<String> files, Boolean derived, List<Evidence> evidence) {

        /** Whether the verdict became {@code s}: it is {@code s} now and was something else, or did not exist. */
        public boolean became(Status s) {
            return to == s && from != s;
        }

        @JsonIgnore
        public boolean newlyFailing() {
            return became(Status.FAIL);
        }

        /** "WARN -> FAIL", "(none) -> PASS", "WARN -> (removed)". */
        @JsonIgnore
        public String move() {
            return (from == null ? "(none)" : from.name()) + " -> " + (to == null ? "(removed)" : to.name());
        }
    }

    public static DiffReport of(CompiledPolicy a, List<EndpointResult> ra, CompiledPolicy b, List<EndpointResult> rb,
                                List<VerdictReport.InputError> errors) {
        Map<String, Criterion> ca = byId(a);
        Map<String, Criterion> cb = byId(b);
        Map<String, List<CriterionSources.Dependency>> depsA = CriterionSources.of(a.policy(), a.criteria());
        Map<String, List<CriterionSources.Dependency>> depsB = CriterionSources.of(b.policy(), b.criteria());
        Map<String, RuleFile> filesA = byLabel(a);
        Map<String, RuleFile> filesB = byLabel(b);
        RuleTextDiff texts = new RuleTextDiff(filesA, filesB);
        Map<String, List<String>> changedFiles = new TreeMap<>();
        Set<String> ids = new TreeSet<>(ca.keySet());
        ids.addAll(cb.keySet());
        for (String id : ids) {
            List<CriterionSources.Dependency> da = depsA.get(id);
            List<CriterionSources.Dependency> db = depsB.get(id);
            // A criterion only one version has: its own file, against the same file in the other version if it has one.
            if (da == null && db != null && !db.isEmpty()) {
                da = whole(filesA.get(db.get(0).file().label()));
                db = List.of(db.get(0));
            } else if (db == null && da != null && !da.isEmpty()) {
                db = whole(filesB.get(da.get(0).file().label()));
                da = List.of(da.get(0));
            }
            changedFiles.put(id, texts.criterion(da, db));
        }

        List<Change> changes = new ArrayList<>();
        Map<Bucket, Integer> counts = new EnumMap<>(Bucket.class);
        Map<String, EndpointResult> before = index(ra);
        Map<String, EndpointResult> after = index(rb);
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            EndpointResult old = before.get(key);
            EndpointResult now = after.get(key);
            Map<String, Verdict> oldVerdicts = verdicts(old);
            Map<String, Verdict> newVerdicts = verdicts(now);
            EndpointResult r = now != null ? now : old;
            Set<String> criteria = new LinkedHashSet<>(newVerdicts.keySet());
            criteria.addAll(oldVerdicts.keySet());
            for (String id : criteria) {
                Verdict o = oldVerdicts.get(id);
                Verdict n = newVerdicts.get(id);
                Bucket bucket = Bucket.of(o, n);
                counts.merge(bucket, 1, Integer::sum);
                if (bucket == Bucket.UNCHANGED) {
                    continue;
                }
                List<String> files = changedFiles.getOrDefault(id, List.of());
                changes.add(new Change(r.source(), subject(r), id, bucket, o == null ? null : o.status(), n == null ? null : n.status(),
                        o == null ? null : o.message(), n == null ? null : n.message(), files, files.isEmpty() ? Boolean.TRUE : null,
                        evidence(o, n)));
            }
        }

        List<CriterionChange> criteria = criteria(ca, cb, changedFiles, depsA, depsB, changes);
        Summary s = new Summary(count(counts, Bucket.NEWLY_FAILING), count(counts, Bucket.NEWLY_PASSING),
                count(counts, Bucket.STATUS_CHANGED), count(counts, Bucket.REASON_CHANGED), count(counts, Bucket.REMOVED),
                count(counts, Bucket.ADDED), count(counts, Bucket.UNCHANGED), counts.values().stream().mapToInt(Integer::intValue).sum(),
                (int) criteria.stream().filter(c -> c.change().equals("added")).count(),
                (int) criteria.stream().filter(c -> c.change().equals("removed")).count(),
                (int) criteria.stream().filter(c -> c.change().equals("edited")).count());
        List<String> warnings = new ArrayList<>();
        if (!PolicyFamily.shareABase(a.policy(), b.policy())) {
            warnings.add(a.policy().id() + " and " + b.policy().id() + " share no base policy (neither extends the other or a common one):"
                    + " criteria are matched by id only, and a change may reflect two different texts rather than an edit");
        }
        return new DiffReport(SCHEMA, ref(a), ref(b), warnings, s, criteria, List.copyOf(texts.files()), changes,
                errors == null ? List.of() : errors);
    }

    private static List<CriterionSources.Dependency> whole(RuleFile f) {
        return f == null ? null : List.of(new CriterionSources.Dependency(f, f.text()));
    }

    private static Map<String, RuleFile> byLabel(CompiledPolicy p) {
        Map<String, RuleFile> out = new LinkedHashMap<>();
        p.policy().ruleFiles().forEach(f -> out.put(f.label(), f));
        return out;
    }

    private static int count(Map<Bucket, Integer> counts, Bucket b) {
        return counts.getOrDefault(b, 0);
    }

    private static Map<String, Criterion> byId(CompiledPolicy p) {
        Map<String, Criterion> out = new LinkedHashMap<>();
        p.criteria().forEach(c -> out.put(c.id(), c));
        return out;
    }

    private static Map<String, Verdict> verdicts(EndpointResult r) {
        Map<String, Verdict> out = new LinkedHashMap<>();
        if (r != null) {
            r.verdicts().forEach(v -> out.put(v.criterion(), v));
        }
        return out;
    }

    /** The facts new in the new verdict (all of them when none is new); the old verdict's for a removed one. */
    private static List<Evidence> evidence(Verdict o, Verdict n) {
        if (n == null) {
            return o.evidence();
        }
        Set<Evidence> fresh = new LinkedHashSet<>(n.evidence());
        if (o != null) {
            fresh.removeAll(o.evidence());
        }
        return List.copyOf(fresh.isEmpty() ? n.evidence() : fresh);
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

    private static List<CriterionChange> criteria(Map<String, Criterion> ca, Map<String, Criterion> cb, Map<String, List<String>> files,
                                                  Map<String, List<CriterionSources.Dependency>> depsA,
                                                  Map<String, List<CriterionSources.Dependency>> depsB,
                                                  List<Change> changes) {
        Map<String, Set<String>> moved = new TreeMap<>();
        changes.forEach(c -> moved.computeIfAbsent(c.criterion(), k -> new TreeSet<>()).add(c.endpoint()));
        List<CriterionChange> out = new ArrayList<>();
        for (String id : files.keySet()) {
            Criterion o = ca.get(id);
            Criterion n = cb.get(id);
            List<String> endpoints = List.copyOf(moved.getOrDefault(id, Set.of()));
            if (n == null) {
                out.add(new CriterionChange(id, "removed", List.of(o.title()), List.of(o.level()), listOf(o.expect()), null,
                        files.get(id), endpoints));
            } else if (o == null) {
                out.add(new CriterionChange(id, "added", List.of(n.title()), List.of(n.level()), listOf(n.expect()), null,
                        files.get(id), endpoints));
            } else if (!files.get(id).isEmpty() || !Objects.equals(o.title(), n.title()) || !Objects.equals(o.level(), n.level())
                    || !Objects.equals(o.expect(), n.expect())) {
                out.add(new CriterionChange(id, "edited", pair(o.title(), n.title()), pair(o.level(), n.level()),
                        pair(o.expect(), n.expect()), ruleLines(depsA.get(id), depsB.get(id)), files.get(id), endpoints));
            }
        }
        return out;
    }

    private static List<String> listOf(String s) {
        return s == null ? null : List.of(s);
    }

    private static List<String> pair(String a, String b) {
        return Objects.equals(a, b) ? null : Arrays.asList(a, b);
    }

    /** The changed lines of the criterion's own file, as {@code "- line"} / {@code "+ line"}. */
    private static List<String> ruleLines(List<CriterionSources.Dependency> a, List<CriterionSources.Dependency> b) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty() || a.get(0).file().text().equals(b.get(0).file().text())) {
            return null;
        }
        return RuleTextDiff.changedLines(RuleTextDiff.unified("a", "b", a.get(0).file().text(), b.get(0).file().text()));
    }

    /** Whether a verdict became FAIL, or one of {@code failOn}: what makes {@code diff} exit 1. */
    public boolean anyBecame(Set<Status> failOn) {
        return changes.stream().anyMatch(c -> c.newlyFailing() || failOn.stream().anyMatch(c::became));
    }

    public String text() {
        return DiffText.render(this);
    }

    /** One header line when either side was compiled with --trust-rules. */
    /** The --trust-rules note, when either version's rules ran unchecked. */
    void trustedLine(StringBuilder sb, String prefix) {
        if (from.trusted() || to.trusted()) {
            sb.append(prefix).append(VerdictReport.PolicyRef.TRUSTED_NOTE).append(prefix.isEmpty() ? "\n" : "\n\n");
        }
    }

    public String markdown() {
        return DiffMarkdown.render(this);
    }
}
