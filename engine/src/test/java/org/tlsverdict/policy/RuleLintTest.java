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
                if (text.contains("System.out") || text.contains("salience")) {
                    problems.add(drl + ": rules neither print nor rely on salience");
                }
                if (text.contains(" insert(") || text.contains("\tinsert(") || text.contains("modify(")) {
                    problems.add(drl + ": use insertLogical; input facts are never modified");
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
