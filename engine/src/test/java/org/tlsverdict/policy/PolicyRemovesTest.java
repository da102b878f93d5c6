package org.tlsverdict.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code removes:} drops a base criterion file or a base include; naming something absent is an error. */
class PolicyRemovesTest {

    @TempDir
    Path tmp;

    private Path setUp() throws Exception {
        Files.createDirectories(tmp.resolve("tables/old"));
        Files.createDirectories(tmp.resolve("tables/new"));
        Files.writeString(tmp.resolve("tables/old/t.drl"), "package t.old;\n");
        Files.writeString(tmp.resolve("tables/new/t.drl"), "package t.neu;\n");
        Path base = Files.createDirectories(tmp.resolve("base"));
        Files.writeString(base.resolve("policy.yaml"), "id: base\nversion: \"1\"\nincludes: [../tables/old]\n");
        Files.writeString(base.resolve("a.drl"), "package b.a;\n");
        Files.writeString(base.resolve("b.drl"), "package b.b;\n");
        return base;
    }

    @Test
    void dropsCriterionAndSwapsInclude() throws Exception {
        setUp();
        Path child = Files.createDirectories(tmp.resolve("child"));
        Files.writeString(child.resolve("policy.yaml"),
                "id: child\nversion: \"1\"\nextends: ../base\nremoves: [b.drl, ../tables/old]\nincludes: [../tables/new]\n");
        Policy p = PolicyLoader.load(child, tmp);
        assertThat(p.ruleFiles()).extracting(RuleFile::label).containsExactly("base/a.drl", "tables/new/t.drl");
    }

    @Test
    void removingWhatTheBaseLacksIsAnError() throws Exception {
        setUp();
        Path child = Files.createDirectories(tmp.resolve("child"));
        Files.writeString(child.resolve("policy.yaml"), "id: child\nversion: \"1\"\nextends: ../base\nremoves: [c.drl]\n");
        assertThatThrownBy(() -> PolicyLoader.load(child, tmp)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("removes 'c.drl'");
    }
}
