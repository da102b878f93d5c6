package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tlsverdict.policy.cases.CaseRunner;

/** Checks the rule files themselves, the way error-prone lints its own checks. */
class RuleLintTest {

    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"");

    @Test
    void everyCriterionFileIsWellFormed() throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, Path> ids = new HashMap<>();
        try (Stream<Path> files = Files.walk(Path.of("rules"))) {
            for (Path drl : files.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                String text = Files.readString(drl);
                String stem = drl.getFileName().toString().replace(".drl", "");
                Matcher pkg = RuleCompiler.PACKAGE.matcher(text);
                if (!pkg.find()) {
                    problems.add(drl + ": no package");
                    continue;
                }
                boolean shared = !Files.isRegularFile(drl.resolveSibling(PolicyLoader.MANIFEST));
                if (shared) {
                    if (text.contains("@id(")) {
                        problems.add(drl + ": shared rule folders derive facts only; criteria (@id) belong in a policy");
                    }
                    continue;
                }
                if (!pkg.group(1).endsWith("." + stem.replace('-', '_'))) {
                    problems.add(drl + ": package " + pkg.group(1) + " should end with ." + stem.replace('-', '_'));
                }
                Matcher rule = RULE.matcher(text);
                if (!rule.find() || !rule.group(1).equals(stem)) {
                    problems.add(drl + ": the first rule must be named \"" + stem + "\" and carry the criterion metadata");
                }
                for (String key : new String[] {"@id(", "@title(", "@level(", "@source(", "@expect("}) {
                    if (!text.contains(key)) {
                        problems.add(drl + ": missing " + key + "...)");
                    }
                }
                Matcher id = Pattern.compile("@id\\(\"([A-Z0-9-]+)\"\\)").matcher(text);
                if (!id.find()) {
                    problems.add(drl + ": @id must be upper-case letters, digits and dashes");
                } else if (!text.substring(id.end()).contains("@id(")) {
                    Path prev = ids.put(drl.getParent().getFileName() + "/" + id.group(1), drl);
                    if (prev != null) {
                        problems.add(drl + ": id " + id.group(1) + " also in " + prev);
                    }
                } else {
                    problems.add(drl + ": more than one @id: one criterion per file");
                }
                if (!Files.isRegularFile(CaseRunner.casesFileOf(drl))) {
                    problems.add(drl + ": no cases file " + CaseRunner.casesFileOf(drl).getFileName());
                }
                // Printing, salience, insert/modify and everything else a rule file may not do: the
                // product's own check (RuleChecker), which every compile runs unless rules are trusted.
                problems.addAll(RuleChecker.check(new RuleFile(drl, drl.toString(), text)).refusals());
                problems.addAll(metadataProblems(drl, text));
            }
        }
        assertThat(problems).isEmpty();
    }

    private static final Pattern META = Pattern.compile("@(\\w+)\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\)");

    /** Values, not just presence: a level from the list, a link as source, no empty texts. */
    static List<String> metadataProblems(Path drl, String text) {
        List<String> problems = new ArrayList<>();
        Matcher m = META.matcher(text);
        Map<String, String> meta = new HashMap<>();
        while (m.find()) {
            if (meta.put(m.group(1), m.group(2)) != null) {
                problems.add(drl + ": @" + m.group(1) + " given twice");
            }
        }
        meta.forEach((k, v) -> {
            if (!ALLOWED_META.contains(k)) {
                problems.add(drl + ": unknown metadata @" + k + " (allowed: " + ALLOWED_META + ")");
            }
            if (v.isBlank()) {
                problems.add(drl + ": @" + k + " is empty");
            }
        });
        String level = meta.get("level");
        if (level != null && !Criterion.LEVELS.contains(level)) {
            problems.add(drl + ": @level(" + level + ") is not one of " + Criterion.LEVELS);
        }
        String source = meta.get("source");
        if (source != null && !source.startsWith("https://")) {
            problems.add(drl + ": @source must be an https:// link, got " + source);
        }
        String needs = meta.get("needs");
        if (needs != null && !org.tlsverdict.policy.cases.PolicyCasesTestAccess.NEEDS_EXEMPT.contains(needs)) {
            problems.add(drl + ": @needs(" + needs + ") is not a known missing fact area");
        }
        String subject = meta.get("subject");
        if (subject != null && !Criterion.SUBJECT_DOMAIN.equals(subject)) {
            problems.add(drl + ": @subject(" + subject + ") is not \"domain\"");
        }
        if (subject != null && !text.contains("not DomainFact()")) {
            problems.add(drl + ": a @subject(\"domain\") criterion needs a rule for 'not DomainFact()' (no domains collected)");
        }
        if (needs != null && text.contains("Outcome.pass") || needs != null && text.contains("Outcome.fail")) {
            problems.add(drl + ": a criterion that @needs facts no collector supplies can only conclude INCONCLUSIVE");
        }
        return problems;
    }

    @Test
    void metadataLintCatchesBadValues() {
        String bad = "rule \"x\" @id(\"X-1\") @title(\"\") @level(\"OFTEN\") @source(\"RFC 9325\") @expect(\"e\") @colour(\"red\")"
                + " @needs(\"web\") @subject(\"host\") when then end rule \"x: y\" when then insertLogical( Outcome.pass( drools, \"p\" ) ); end";
        assertThat(String.join("\n", metadataProblems(Path.of("x.drl"), bad)))
                .contains("@title is empty", "@level(OFTEN)", "@source must be an https:// link", "unknown metadata @colour",
                        "@needs(web) is not a known", "can only conclude INCONCLUSIVE", "@subject(host) is not",
                        "needs a rule for 'not DomainFact()'");
        assertThat(metadataProblems(Path.of("y.drl"), "@id(\"Y\") @title(\"t\") @level(\"MUST\") @source(\"https://x.test\") @expect(\"e\")"))
                .isEmpty();
    }

    static final java.util.Set<String> ALLOWED_META = java.util.Set.of("id", "title", "level", "source", "expect", "rationale", "needs", "subject");

    @Test
    void noDeclaredTypesAndNoOrphanCases() throws Exception {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("rules"))) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".drl") && Pattern.compile("(?m)^\\s*declare\\s").matcher(Files.readString(p)).find()) {
                    problems.add(p + ": DRL 'declare' defeats the compiled-rule cache; use Classified or a Java type in facts.derived");
                }
                // An extending policy may hold cases for an inherited criterion whose outcome its tables change.
                boolean extending = Files.isRegularFile(p.resolveSibling(PolicyLoader.MANIFEST))
                        && PolicyLoader.readManifest(p.getParent()).extendsPolicy() != null;
                String drlName = name.replace(".cases.yaml", ".drl");
                boolean inherited = extending && PolicyLoader.load(p.getParent()).ruleFiles().stream()
                        .anyMatch(f -> f.path().getFileName().toString().equals(drlName));
                if (name.endsWith(".cases.yaml") && !inherited
                        && !Files.isRegularFile(p.resolveSibling(drlName))) {
                    problems.add(p + ": cases file without a criterion file beside it");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyShippedPolicyCompilesWithUniqueIds() throws Exception {
        // RuleCompiler rejects duplicate ids and malformed metadata after extends/removes/includes.
        for (Path dir : ShippedPolicies.all()) {
            assertThat(RuleCompiler.withoutCache().compile(PolicyLoader.load(dir)).criteria()).as(dir.toString()).isNotEmpty();
        }
    }
}
