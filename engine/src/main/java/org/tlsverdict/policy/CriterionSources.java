package org.tlsverdict.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rule files each criterion of a policy depends on: its own file, and every file that
 * derives a fact it reads (a table in {@code rules/mozilla-common/}, a classification in
 * {@code rules/common/}), followed through files that derive from derived facts. This is what
 * {@code diff} compares to tell whether a criterion was edited, and what it names when a verdict
 * changes.
 *
 * <p>A file reads a derived type when its code names the type. {@code Classified} is narrowed
 * to its labels, since every table inserts it: a file reads the label {@code "moz:suite-outside"}
 * when that string (or a {@code matches} pattern it fits) is among the file's string literals.
 * An insertion whose label is not a literal counts for every reader of {@code Classified}.
 */
public final class CriterionSources {

    private static final Pattern INSERT_NEW = Pattern.compile("\\binsert(?:Logical)?\\s*\\(\\s*new\\s+([\\w.]+)\\s*\\(\\s*(\"(?:[^\"\\\\]|\\\\.)*\")?");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern COMMENTS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    private static final String CLASSIFIED = "Classified";
    /** A label of a {@code Classified} insertion that is not a string literal. */
    private static final String ANY_LABEL = "\0any";

    private CriterionSources() {
    }

    /**
     * Criterion id to the files it depends on: its own file first, then the others by label.
     * Criteria are matched to files by {@link Criterion#file()}.
     */
    public static Map<String, List<RuleFile>> of(Policy policy, List<Criterion> criteria) {
        List<Scan> scans = new ArrayList<>();
        Map<String, Scan> byLabel = new HashMap<>();
        for (RuleFile f : policy.ruleFiles()) {
            Scan s = new Scan(f);
            scans.add(s);
            byLabel.put(f.label(), s);
        }
        Map<Scan, List<Scan>> feeds = new HashMap<>();
        for (Scan reader : scans) {
            List<Scan> from = new ArrayList<>();
            for (Scan writer : scans) {
                if (writer != reader && writer.feeds(reader)) {
                    from.add(writer);
                }
            }
            feeds.put(reader, from);
        }
        Map<String, List<RuleFile>> out = new LinkedHashMap<>();
        for (Criterion c : criteria) {
            Scan own = byLabel.get(c.file());
            if (own == null) {
                out.put(c.id(), List.of());
                continue;
            }
            Set<Scan> seen = new HashSet<>(Set.of(own));
            List<Scan> todo = new ArrayList<>(List.of(own));
            TreeSet<String> deps = new TreeSet<>();
            while (!todo.isEmpty()) {
                for (Scan w : feeds.get(todo.remove(todo.size() - 1))) {
                    if (seen.add(w)) {
                        deps.add(w.file.label());
                        todo.add(w);
                    }
                }
            }
            List<RuleFile> files = new ArrayList<>(List.of(own.file));
            deps.forEach(l -> files.add(byLabel.get(l).file));
            out.put(c.id(), List.copyOf(files));
        }
        return out;
    }

    /** What one file inserts and what it can read. */
    private static final class Scan {
        final RuleFile file;
        final String code;
        final Set<String> literals = new HashSet<>();
        /** Inserted types; for {@code Classified}, "Classified" plus each label as "Classified:label". */
        final Set<String> inserts = new HashSet<>();
        final Set<String> labels = new HashSet<>();

        Scan(RuleFile f) {
            this.file = f;
            this.code = f.code();
            String text = withoutComments(f.text());
            Matcher lit = LITERAL.matcher(text);
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

        /** Whether this file inserts something {@code reader} reads. */
        boolean feeds(Scan reader) {
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

    private static String withoutComments(String drl) {
        Matcher m = COMMENTS.matcher(drl);
        StringBuilder out = new StringBuilder(drl.length());
        while (m.find()) {
            String found = m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(found.startsWith("\"") ? found : found.replaceAll("[^\\n]", "")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
