package org.tlsverdict.report;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tlsverdict.policy.CriterionSources;
import org.tlsverdict.policy.RuleFile;

/**
 * The rule files that differ between two policy versions, each once, with a unified diff of its
 * text. A criterion names the files it depends on that differ ({@link #criterion}); a table that
 * several criteria read is diffed once and named by all of them.
 */
final class RuleTextDiff {

    /** Lines of context around each change, as {@code diff -u}. */
    static final int CONTEXT = 3;

    private final Map<String, DiffReport.FileChange> files = new TreeMap<>();
    private final Map<String, RuleFile> allBefore;
    private final Map<String, RuleFile> allAfter;

    /** Every rule file of each version by label: a dependency only one side has may still be an unchanged file of both. */
    RuleTextDiff(Map<String, RuleFile> allBefore, Map<String, RuleFile> allAfter) {
        this.allBefore = allBefore;
        this.allAfter = allAfter;
    }

    /**
     * The changed files among a criterion's dependencies in both versions ({@code own} file first
     * in each list, null when the version lacks the criterion). The own files are paired with each
     * other; the others by label, then by file name (a table swapped for another version of itself,
     * {@code suites-intermediate-5.7/suites.drl} for {@code suites-intermediate-6.0/suites.drl}).
     * A file only one version depends on counts as added or removed.
     */
    List<String> criterion(List<CriterionSources.Dependency> before, List<CriterionSources.Dependency> after) {
        List<String> keys = new ArrayList<>();
        List<CriterionSources.Dependency> a = before == null ? new ArrayList<>() : new ArrayList<>(before);
        List<CriterionSources.Dependency> b = after == null ? new ArrayList<>() : new ArrayList<>(after);
        if (!a.isEmpty() && !b.isEmpty()) {
            add(keys, pair(a.remove(0), b.remove(0)));
        }
        for (CriterionSources.Dependency f : List.copyOf(a)) {
            b.stream().filter(g -> g.file().label().equals(f.file().label())).findFirst().ifPresent(same -> {
                a.remove(f);
                b.remove(same);
                add(keys, pair(f, same));
            });
        }
        for (CriterionSources.Dependency f : List.copyOf(a)) {
            String name = f.file().path().getFileName().toString();
            b.stream().filter(g -> g.file().path().getFileName().toString().equals(name)).findFirst().ifPresent(same -> {
                a.remove(f);
                b.remove(same);
                add(keys, pair(f, same));
            });
        }
        // A file only one version depends on: the same file of the other version, whole, if it has one.
        a.forEach(f -> add(keys, pair(f, whole(allAfter.get(f.file().label())))));
        b.forEach(f -> add(keys, pair(whole(allBefore.get(f.file().label())), f)));
        return List.copyOf(keys);
    }

    private static CriterionSources.Dependency whole(RuleFile f) {
        return f == null ? null : new CriterionSources.Dependency(f, f.text());
    }

    private static void add(List<String> keys, String key) {
        if (key != null && !keys.contains(key)) {
            keys.add(key);
        }
    }

    /** Registers the pair when what the criterion sees of it differs, and returns its key; null when it does not. */
    private String pair(CriterionSources.Dependency da, CriterionSources.Dependency db) {
        RuleFile a = da == null ? null : da.file();
        RuleFile b = db == null ? null : db.file();
        if (a != null && b != null && (da.fingerprint().equals(db.fingerprint()) || a.text().equals(b.text()))) {
            return null;
        }
        String key = a == null ? b.label() : b == null ? a.label() : a.label().equals(b.label()) ? a.label() : a.label() + " -> " + b.label();
        files.computeIfAbsent(key, k -> new DiffReport.FileChange(k, a == null ? null : a.label(), b == null ? null : b.label(),
                a == null ? "added" : b == null ? "removed" : "edited",
                unified(a == null ? "/dev/null" : a.label(), b == null ? "/dev/null" : b.label(),
                        a == null ? "" : a.text(), b == null ? "" : b.text())));
        return key;
    }

    Collection<DiffReport.FileChange> files() {
        return files.values().stream().sorted(Comparator.comparing(DiffReport.FileChange::file)).toList();
    }

    /** {@code diff -u} of two texts, with {@code --- from} and {@code +++ to} header lines. */
    static List<String> unified(String fromName, String toName, String from, String to) {
        List<String> a = from.lines().toList();
        List<String> b = to.lines().toList();
        return List.copyOf(UnifiedDiffUtils.generateUnifiedDiff(fromName, toName, a, DiffUtils.diff(a, b), CONTEXT));
    }

    /** The changed lines of a unified diff as {@code "- line"} / {@code "+ line"}, stripped, in order. */
    static List<String> changedLines(List<String> unified) {
        List<String> out = new ArrayList<>();
        boolean hunks = false;
        for (String l : unified) {
            hunks |= l.startsWith("@@");
            if (hunks && (l.startsWith("-") || l.startsWith("+"))) {
                String rest = l.substring(1).strip();
                if (!rest.isEmpty()) {
                    out.add(l.charAt(0) + " " + rest);
                }
            }
        }
        return out;
    }
}
