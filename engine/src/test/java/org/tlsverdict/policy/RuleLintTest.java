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
                problems.addAll(PolicyLint.fileProblems(drl.toString(), stem, text));
                Matcher id = Pattern.compile("@id\\(\"([A-Z0-9-]+)\"\\)").matcher(text);
                if (id.find() && !text.substring(id.end()).contains("@id(")) {
                    Path prev = ids.put(drl.getParent().getFileName() + "/" + id.group(1), drl);
                    if (prev != null) {
                        problems.add(drl + ": id " + id.group(1) + " also in " + prev);
                    }
                } else if (id.find()) {
                    problems.add(drl + ": more than one @id: one criterion per file");
                }
                // A waiver's cases are those of the criterion it waives, in the waiving policy's folder.
                if (!text.contains("@waives(") && !Files.isRegularFile(CaseRunner.casesFileOf(drl))) {
                    problems.add(drl + ": no cases file " + CaseRunner.casesFileOf(drl).getFileName());
                }
                // Printing, salience, insert/modify and everything else a rule file may not do: the
                // product's own check (RuleChecker), which every compile runs unless rules are trusted.
                problems.addAll(RuleChecker.check(new RuleFile(drl, drl.toString(), text)).refusals());
                problems.addAll(needsProblems(drl, text));
            }
        }
        assertThat(problems).isEmpty();
    }

    private static final Pattern NEEDS = Pattern.compile("@needs\\(\"([^\"]*)\"\\)");

    /** {@code @needs} names a fact area the project's own tests exempt; the product lint checks the rest. */
    static List<String> needsProblems(Path drl, String text) {
        Matcher m = NEEDS.matcher(text);
        if (m.find() && !org.tlsverdict.policy.cases.PolicyCasesTestAccess.NEEDS_EXEMPT.contains(m.group(1))) {
            return List.of(drl + ": @needs(" + m.group(1) + ") is not a known missing fact area");
        }
        return List.of();
    }

    @Test
    void metadataLintCatchesBadValues() {
        String bad = "package p.x;\nrule \"x\" @id(\"X-1\") @title(\"\") @level(\"OFTEN\") @source(\"RFC 9325\") @expect(\"e\") @colour(\"red\")"
                + " @needs(\"web\") @subject(\"host\") when then end rule \"x: y\" when then insertLogical( Outcome.pass( drools, \"p\" ) ); end";
        assertThat(String.join("\n", PolicyLint.fileProblems("x.drl", "x", bad)))
                .contains("@title is empty", "@level(OFTEN)", "@source must be an https:// link", "unknown metadata @colour",
                        "can only conclude INCONCLUSIVE", "@subject(host) is not");
        assertThat(needsProblems(Path.of("x.drl"), bad)).singleElement().asString().contains("@needs(web) is not a known");
        assertThat(PolicyLint.fileProblems("y.drl", "y", "package p.y;\nrule \"y\" @id(\"Y\") @title(\"t\") @level(\"MUST\") @source(\"https://x.test\") @expect(\"e\") when then end"))
                .isEmpty();
        assertThat(PolicyLint.fileProblems("v.drl", "tls-versions", "package p.tls_versions;\nrule \"tls-versions\" @id(\"MOZ-VERSIONS\") @title(\"t\") @level(\"MUST\") @source(\"https://x.test\") @expect(\"e\") when then end"))
                .singleElement().asString().contains("@id(MOZ-VERSIONS) and the file name tls-versions.drl name the criterion twice: call the file versions.drl");
        assertThat(PolicyLint.fileStemOf("RFC9325-KEX-SIZE")).isEqualTo("kex-size");
        assertThat(PolicyLint.fileProblems("z.drl", "z", "package p.other;\nrule \"w\" when then end"))
                .anyMatch(l -> l.contains("package p.other does not match the file name"))
                .anyMatch(l -> l.contains("first rule must be named \"z\""))
                .anyMatch(l -> l.contains("no @id"));
    }

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
