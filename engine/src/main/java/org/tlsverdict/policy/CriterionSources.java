package org.tlsverdict.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rule files each criterion of a policy depends on: its own file, and every file with a rule
 * that derives a fact it reads (a table in {@code rules/mozilla-common/}, a classification in
 * {@code rules/common/}), followed through rules that derive from derived facts. This is what
 * {@code diff} compares to tell whether a criterion was edited, and what it names when a verdict
 * changes.
 *
 * <p>Dependencies are worked out per rule, so that a table file with several labels
 * ({@code moz:dh-small} and {@code moz:version-outside}) makes only the criteria reading the
 * edited rule's label depend on the edit. A rule reads a derived type when its code names the
 * type. {@code Classified} is narrowed to its labels, since every table inserts it: a rule reads
 * the label {@code "moz:suite-outside"} when that string (or a {@code matches} pattern it fits) is
 * among the rule's string literals. An insertion whose label is not a literal counts for every
 * reader of {@code Classified}.
 */
public final class CriterionSources {

    /**
     * A file a criterion depends on; {@code fingerprint} is what of it the criterion can see: the
     * whole text for its own file, else the file's code outside rules and the rules it depends on,
     * without comments and with spaces collapsed. Two versions of a dependency with the same
     * fingerprint cannot judge the criterion differently.
     */
    public record Dependency(RuleFile file, String fingerprint) {
    }

    /** A rule, found in text whose comments and string contents are blanked (so "end" in a message ends nothing). */
    private static final Pattern RULE = Pattern.compile("(?s)(?<![\\w.$])rule\\s+(?:\"[^\"]*\"|\\S+).*?\\bthen\\b.*?(?<![\\w.$])end\\b");
    private static final Pattern INSERT_NEW = Pattern.compile("\\binsert(?:Logical)?\\s*\\(\\s*new\\s+([\\w.]+)\\s*\\(\\s*(\"(?:[^\"\\\\]|\\\\.)*\")?");
    private static final Pattern CONDITIONS = Pattern.compile("(?s)\\bwhen\\b(.*?)\\bthen\\b");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern COMMENTS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    private static final String CLASSIFIED = "Classified";
    private static final Pattern WAIVES = Pattern.compile("@waives\\(\\s*\"([^\"]*)\"\\s*\\)");
    /** A label of a {@code Classified} insertion that is not a string literal. */
    private static final String ANY_LABEL = "\0any";

    private CriterionSources() {
    }

    /**
     * Criterion id to the files it depends on: its own file first, then the others by label.
     * Criteria are matched to files by {@link Criterion#file()}.
     */
    public static Map<String, List<Dependency>> of(Policy policy, List<Criterion> criteria) {
        List<Unit> units = new ArrayList<>();
        Map<String, List<Unit>> byFile = new HashMap<>();
        Map<String, RuleFile> files = new HashMap<>();
        Map<String, String> headers = new HashMap<>();
        for (RuleFile f : policy.ruleFiles()) {
            String text = blank(f.text(), false);
            String blanked = blank(f.text(), true);
            Matcher m = RULE.matcher(blanked);
            StringBuilder header = new StringBuilder();
            List<Unit> rules = new ArrayList<>();
            int last = 0;
            while (m.find()) {
                header.append(text, last, m.start());
                rules.add(new Unit(f, text.substring(m.start(), m.end()), blanked.substring(m.start(), m.end())));
                last = m.end();
            }
            header.append(text.substring(last));
            units.addAll(rules);
            byFile.put(f.label(), rules);
            files.put(f.label(), f);
            headers.put(f.label(), collapse(header.toString()));
        }
        Map<Unit, List<Unit>> feeds = new HashMap<>();
        for (Unit reader : units) {
            List<Unit> from = new ArrayList<>();
            for (Unit writer : units) {
                if (writer != reader && writer.feeds(reader)) {
                    from.add(writer);
                }
            }
            feeds.put(reader, from);
        }
        // A waiver file (Waiver) changes the verdicts of the criterion it names: it counts as that criterion's own.
        Map<String, List<RuleFile>> waivers = new TreeMap<>();
        for (RuleFile f : policy.ruleFiles()) {
            Matcher w = WAIVES.matcher(blank(f.text(), false));
            if (w.find()) {
                waivers.computeIfAbsent(w.group(1), k -> new ArrayList<>()).add(f);
            }
        }
        Map<String, List<Dependency>> out = new LinkedHashMap<>();
        for (Criterion c : criteria) {
            RuleFile own = files.get(c.file());
            if (own == null) {
                out.put(c.id(), List.of());
                continue;
            }
            List<RuleFile> waivedBy = waivers.getOrDefault(c.id(), List.of());
            Set<Unit> seen = new HashSet<>(byFile.get(own.label()));
            waivedBy.forEach(w -> seen.addAll(byFile.get(w.label())));
            List<Unit> todo = new ArrayList<>(seen);
            Map<String, TreeSet<String>> rulesByFile = new TreeMap<>();
            while (!todo.isEmpty()) {
                for (Unit w : feeds.get(todo.remove(todo.size() - 1))) {
                    if (seen.add(w)) {
                        if (!w.file.label().equals(own.label()) && !waivedBy.contains(w.file)) {
                            rulesByFile.computeIfAbsent(w.file.label(), k -> new TreeSet<>()).add(collapse(w.text));
                        }
                        todo.add(w);
                    }
                }
            }
            List<Dependency> deps = new ArrayList<>(List.of(new Dependency(own, own.text())));
            waivedBy.forEach(w -> deps.add(new Dependency(w, w.text())));
            rulesByFile.forEach((label, rules) -> deps.add(new Dependency(files.get(label),
                    headers.get(label) + "\n" + String.join("\n", rules))));
            out.put(c.id(), List.copyOf(deps));
        }
        return out;
    }

    /** One rule: what it inserts and what it can read. */
    private static final class Unit {
        final RuleFile file;
        final String text;
        final String code;
        final Set<String> literals = new HashSet<>();
        final Set<String> inserts = new HashSet<>();
        final Set<String> labels = new HashSet<>();

        Unit(RuleFile f, String text, String blanked) {
            this.file = f;
            this.text = text;
            // What a rule reads is in its conditions; its own insertions name types it does not read.
            Matcher when = CONDITIONS.matcher(blanked);
            String conditions = when.find() ? text.substring(when.start(1), when.end(1)) : "";
            this.code = RuleFile.code(conditions);
            Matcher lit = LITERAL.matcher(conditions);
            while (lit.find()) {
                literals.add(lit.group(1));
            }
            Matcher m = INSERT_NEW.matcher(text);
            while (m.find()) {
                String type = m.group(1).substring(m.group(1).lastIndexOf('.') + 1);
                inserts.add(type);
                if (type.equals(CLASSIFIED)) {
                    labels.add(m.group(2) == null ? ANY_LABEL : m.group(2).substring(1, m.group(2).length() - 1));
                }
            }
        }

        /** Whether this rule inserts something {@code reader} reads. */
        boolean feeds(Unit reader) {
            for (String type : inserts) {
                if (!mentions(reader.code, type)) {
                    continue;
                }
                if (!type.equals(CLASSIFIED)) {
                    return true;
                }
                for (String label : labels) {
                    if (label.equals(ANY_LABEL) || reader.readsLabel(label)) {
                        return true;
                    }
                }
            }
            return false;
        }

        boolean readsLabel(String label) {
            if (literals.contains(label)) {
                return true;
            }
            for (String l : literals) {
                if (l.contains(".*") || l.contains(".+")) {
                    try {
                        if (label.matches(l)) {
                            return true;
                        }
                    } catch (PatternSyntaxException e) {
                        // not a pattern after all
                    }
                }
            }
            return false;
        }
    }

    private static boolean mentions(String code, String type) {
        return Pattern.compile("\\b" + Pattern.quote(type) + "\\b").matcher(code).find();
    }

    private static String collapse(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    /** Comments (and, with {@code strings}, the contents of string literals) as spaces; offsets and line breaks kept. */
    private static String blank(String drl, boolean strings) {
        Matcher m = COMMENTS.matcher(drl);
        StringBuilder out = new StringBuilder(drl);
        while (m.find()) {
            boolean literal = m.group().startsWith("\"");
            if (literal && !strings) {
                continue;
            }
            for (int i = m.start() + (literal ? 1 : 0); i < m.end() - (literal ? 1 : 0); i++) {
                if (out.charAt(i) != '\n') {
                    out.setCharAt(i, ' ');
                }
            }
        }
        return out.toString();
    }
}
