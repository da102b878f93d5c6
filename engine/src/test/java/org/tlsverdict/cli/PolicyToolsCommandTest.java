package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `test` over rules/* (shared folders skipped), `test --coverage`, `rules --doc`. */
class PolicyToolsCommandTest {

    @TempDir
    Path tmp;

    @Test
    void testSkipsSharedFoldersWithANote() {
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("test", "rules/common", "rules/privacyguides-2022");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("rules/common: skipped (no policy.yaml").containsPattern("(?m)^\\d+ passed, 0 failed$");
    }

    @Test
    void coverageNamesRulesNoCaseFired() throws Exception {
        Path p = tmp.resolve("pol");
        Files.createDirectories(p);
        Files.writeString(p.resolve("policy.yaml"), "id: t\nversion: \"1\"\n");
        Files.writeString(p.resolve("x.drl"), """
                package t.x;
                import org.tlsverdict.facts.*;
                import org.tlsverdict.policy.Outcome;
                rule "x" @id("T-X") @title("t") @level("MUST") @source("https://example.test") @expect("e") when then end
                rule "x: port 25" when Endpoint( port == 25 ) then insertLogical( Outcome.pass( drools, "25" ) ); end
                rule "x: port 26" when Endpoint( port == 26 ) then insertLogical( Outcome.fail( drools, "26" ) ); end
                """);
        Files.writeString(p.resolve("x.cases.yaml"), """
                cases:
                  - name: on 25
                    facts: {endpoint: {host: a.test, port: 25}}
                    expect: PASS
                """);
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("test", p.toString(), "--coverage");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("rule never fired:").contains("x: port 26").doesNotContain("x: port 25\n")
                .doesNotContain("criterion never fired");
    }

    @Test
    void rulesDocWritesMarkdown() throws Exception {
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("rules", "rules/privacyguides-2023", "--doc", "--out", tmp.toString());
        assertThat(r.exit()).isZero();
        assertThat(Files.readString(tmp.resolve("privacyguides-2023.md"))).contains("### PGP-TLS-VERSION");
    }
}
