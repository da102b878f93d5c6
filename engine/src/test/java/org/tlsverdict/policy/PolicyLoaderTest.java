package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {

    @TempDir
    Path root;

    @Test
    void extendingPolicyReplacesCriteriaByFileNameAndKeepsTheRest() throws Exception {
        Path base = PolicyFixtures.policy(root, "base", "includes: [../shared]\n");
        PolicyFixtures.criterion(base, "a", "A", "");
        PolicyFixtures.criterion(base, "b", "B", "");
        Files.createDirectories(root.resolve("shared"));
        Files.writeString(root.resolve("shared/derive.drl"), "package t.shared;\n");
        Path child = PolicyFixtures.policy(root, "child", "extends: ../base\n");
        PolicyFixtures.criterion(child, "b", "B2", "");

        Policy p = PolicyLoader.load(child, root);
        assertThat(p.ruleFiles()).extracting(RuleFile::label)
                .containsExactly("base/a.drl", "child/b.drl", "shared/derive.drl");
    }

    @Test
    void problemsNameTheFile() throws Exception {
        assertThatThrownBy(() -> PolicyLoader.load(root.resolve("nope"))).hasMessageContaining("policy folder does not exist");
        Files.createDirectories(root.resolve("empty"));
        assertThatThrownBy(() -> PolicyLoader.load(root.resolve("empty"))).hasMessageContaining("policy.yaml: missing");
        Path bad = PolicyFixtures.policy(root, "bad", "includes: [../missing]\n");
        assertThatThrownBy(() -> PolicyLoader.load(bad)).hasMessageContaining("includes '../missing', which does not exist");
        Path typo = PolicyFixtures.policy(root, "typo", "extend: ../base\n");
        assertThatThrownBy(() -> PolicyLoader.load(typo)).hasMessageContaining("typo/policy.yaml:").hasMessageContaining("extend");
    }

    @Test
    void includedCriterionFileCountsAsOwnAndCanBeRemovedByAnExtendingPolicy() throws Exception {
        Path lib = PolicyFixtures.policy(root, "lib", "");
        PolicyFixtures.criterion(lib, "x", "X", "");
        PolicyFixtures.criterion(lib, "y", "Y", "");
        Path base = PolicyFixtures.policy(root, "base", "includes: [../lib/x.drl]\n");
        PolicyFixtures.criterion(base, "a", "A", "");
        assertThat(PolicyLoader.load(base, root).ruleFiles()).extracting(RuleFile::label)
                .containsExactly("base/a.drl", "lib/x.drl");

        Path child = PolicyFixtures.policy(root, "child", "extends: ../base\nremoves: [x.drl]\nincludes: [../lib/y.drl]\n");
        assertThat(PolicyLoader.load(child, root).ruleFiles()).extracting(RuleFile::label)
                .containsExactly("base/a.drl", "lib/y.drl");

        Path missing = PolicyFixtures.policy(root, "missing", "includes: [../lib/z.drl]\n");
        assertThatThrownBy(() -> PolicyLoader.load(missing)).hasMessageContaining("includes '../lib/z.drl', which does not exist");
    }

    @Test
    void extendsCycleIsRefused() throws Exception {
        PolicyFixtures.policy(root, "x", "extends: ../y\n");
        PolicyFixtures.policy(root, "y", "extends: ../x\n");
        assertThatThrownBy(() -> PolicyLoader.load(root.resolve("x"))).hasMessageContaining("cycle");
    }
}
