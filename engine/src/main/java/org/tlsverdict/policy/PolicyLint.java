package org.tlsverdict.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code tlsverdict test} demands of every policy's rule files, the shipped ones and users'
 * alike (as {@code opa check} does): a file in a policy folder is one criterion, named once (file,
 * first rule and package agree) and described by metadata whose values are checked. A file that
 * breaks this would otherwise be compiled and run without any verdict ever reporting it.
 */
public final class PolicyLint {

    static final Pattern FIRST_RULE = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"");
    static final Pattern META = Pattern.compile("@(\\w+)\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\)");
    static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");
    public static final Set<String> METADATA = Set.of("id", "title", "level", "source", "expect", "rationale", "needs", "subject");
    static final List<String> REQUIRED = List.of("id", "title", "level", "source", "expect");
    /** A waiver file's first rule (see {@link Waiver}): the criterion it waives and its amended expectation. */
    public static final Set<String> WAIVER_METADATA = Set.of("waives", "expect", "rationale");

    private PolicyLint() {
    }

    /** Problems of every criterion file of {@code policy}, one line each as {@code file: problem}. */
    public static List<String> problems(Policy policy) {
        List<String> out = new ArrayList<>();
        for (RuleFile f : policy.ruleFiles()) {
            if (isCriterionFile(f.path())) {
                out.addAll(fileProblems(f.label(), f.stem(), f.text()));
            }
        }
        return out;
    }

    /**
     * Files in a folder with a policy manifest are criteria; shared folders (rules/common, tables)
     * only derive facts.
     */
    public static boolean isCriterionFile(Path drl) {
        return Files.isRegularFile(drl.resolveSibling(PolicyLoader.MANIFEST));
    }

    /** The problems of one criterion file {@code label} named {@code stem}.drl. */
    public static List<String> fileProblems(String label, String stem, String text) {
        List<String> out = new ArrayList<>();
        String code = RuleFile.code(text);
        Matcher pkg = RuleCompiler.PACKAGE.matcher(code);
        String expectedSuffix = "." + stem.replace('-', '_');
        if (!pkg.find()) {
            out.add(label + ": no package declaration (expected one ending in " + expectedSuffix + ")");
        } else if (!pkg.group(1).endsWith(expectedSuffix)) {
            out.add(label + ": package " + pkg.group(1) + " does not match the file name (expected one ending in " + expectedSuffix + ")");
        }
        Matcher rule = FIRST_RULE.matcher(text);
        if (!rule.find() || !rule.group(1).equals(stem)) {
            out.add(label + ": the first rule must be named \"" + stem + "\" after its file and carry the criterion's metadata");
        }
        Map<String, String> meta = new HashMap<>();
        Matcher m = META.matcher(text);
        while (m.find()) {
            if (meta.put(m.group(1), m.group(2)) != null) {
                out.add(label + ": @" + m.group(1) + " given twice (one criterion per file)");
            }
        }
        if (meta.containsKey("waives") && !meta.containsKey("id")) {
            out.addAll(waiverProblems(label, meta));
            return out;
        }
        if (!meta.containsKey("id")) {
            out.add(label + ": no @id: the file defines no criterion, so its rules would run without any verdict reporting them");
        }
        for (String key : REQUIRED) {
            if (meta.containsKey("id") && !meta.containsKey(key)) {
                out.add(label + ": missing @" + key + "(\"...\")");
            }
        }
        meta.forEach((k, v) -> {
            if (!METADATA.contains(k)) {
                out.add(label + ": unknown metadata @" + k + " (allowed: " + METADATA.stream().sorted().toList() + ")");
            } else if (v.isBlank()) {
                out.add(label + ": @" + k + " is empty");
            }
        });
        String id = meta.get("id");
        if (id != null && !ID.matcher(id).matches()) {
            out.add(label + ": @id(" + id + ") must be upper-case letters, digits and dashes");
        }
        if (id != null && ID.matcher(id).matches() && !fileStemOf(id).equals(stem)) {
            out.add(label + ": @id(" + id + ") and the file name " + stem + ".drl name the criterion twice: call the file "
                    + fileStemOf(id) + ".drl (the id after its prefix, in lower case)");
        }
        String level = meta.get("level");
        if (level != null && !Criterion.LEVELS.contains(level)) {
            out.add(label + ": @level(" + level + ") is not one of " + Criterion.LEVELS.stream().sorted().toList());
        }
        String source = meta.get("source");
        if (source != null && !source.startsWith("https://")) {
            out.add(label + ": @source must be an https:// link, got " + source);
        }
        String subject = meta.get("subject");
        if (subject != null && !Criterion.SUBJECT_DOMAIN.equals(subject)) {
            out.add(label + ": @subject(" + subject + ") is not \"domain\"");
        }
        if (meta.containsKey("needs") && (code.contains("Outcome.pass") || code.contains("Outcome.fail"))) {
            out.add(label + ": a criterion that @needs facts no collector supplies can only conclude INCONCLUSIVE");
        }
        return out;
    }

    /** A waiver file: {@code @waives} an id, states the amended {@code @expect}, and carries nothing else. */
    private static List<String> waiverProblems(String label, Map<String, String> meta) {
        List<String> out = new ArrayList<>();
        if (!meta.containsKey("expect")) {
            out.add(label + ": missing @expect(\"...\") (a waiver states the criterion's expectation with its exception)");
        }
        meta.forEach((k, v) -> {
            if (!WAIVER_METADATA.contains(k)) {
                out.add(label + ": unknown metadata @" + k + " in a waiver file (allowed: " + WAIVER_METADATA.stream().sorted().toList() + ")");
            } else if (v.isBlank()) {
                out.add(label + ": @" + k + " is empty");
            }
        });
        if (!ID.matcher(meta.get("waives")).matches()) {
            out.add(label + ": @waives(" + meta.get("waives") + ") must be a criterion id (upper-case letters, digits and dashes)");
        }
        return out;
    }

    /**
     * One name per criterion: its file is named after its id without the policy's prefix, in lower
     * case ({@code MOZ-CERT-SIG} lives in {@code cert-sig.drl}), so either name gives the other.
     */
    public static String fileStemOf(String id) {
        return id.substring(id.indexOf('-') + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A criterion is tested only when its cases show it passing, failing and lacking facts; one
     * marked {@code @needs} (facts no collector supplies) only lacking them.
     */
    public static List<String> caseCoverageProblems(Criterion c, String casesLabel, Set<Status> expected) {
        Set<Status> required = c.needs() == null ? Set.of(Status.PASS, Status.FAIL, Status.INCONCLUSIVE) : Set.of(Status.INCONCLUSIVE);
        List<String> out = new ArrayList<>();
        for (Status s : List.of(Status.PASS, Status.FAIL, Status.INCONCLUSIVE)) {
            if (required.contains(s) && !expected.contains(s)) {
                out.add(casesLabel + ": " + c.id() + " has no case expecting " + s + " (every criterion needs PASS, FAIL and INCONCLUSIVE cases)");
            }
        }
        return out;
    }
}
