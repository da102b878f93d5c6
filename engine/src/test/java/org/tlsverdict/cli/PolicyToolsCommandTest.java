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
                rule "x: port 27" when Endpoint( port == 27 ) then insertLogical( Outcome.warn( drools, "27" ) ); end
                """);
        Files.writeString(p.resolve("x.cases.yaml"), """
                cases:
                  - name: on 25
                    facts: {endpoint: {host: a.test, port: 25}}
                    expect: PASS
                  - name: on 26
                    facts: {endpoint: {host: a.test, port: 26}}
                    expect: FAIL
                  - name: on 28
                    facts: {endpoint: {host: a.test, port: 28}}
                    expect: INCONCLUSIVE
                """);
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("test", p.toString(), "--coverage");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("rule never fired:").contains("x: port 27").doesNotContain("x: port 25\n")
                .doesNotContain("criterion never fired");
    }

    @Test
    void aBrokenCasesFileNamesItsLineAndTheAllowedStatuses() throws Exception {
        Path p = tmp.resolve("broken");
        Files.createDirectories(p);
        Files.writeString(p.resolve("policy.yaml"), "id: broken\nversion: \"1\"\n");
        Files.writeString(p.resolve("x.drl"), """
                package broken.x;
                import org.tlsverdict.facts.*;
                import org.tlsverdict.policy.Outcome;
                rule "x" @id("B-X") @title("t") @level("MUST") @source("https://example.test") @expect("e") when then end
                """);
        Files.writeString(p.resolve("x.cases.yaml"), "cases:\n  - name: a\n    facts: {endpoint: {host: a.test, port: 25}}\n    expect: PASSS\n");
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("test", p.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("x.cases.yaml: (file): line 4: cases[0].expect: expected one of ")
                .doesNotContain("org.tlsverdict").doesNotContain("Cannot deserialize");
    }

    @Test
    void testLintsUsersPolicies() throws Exception {
        Path p = tmp.resolve("users");
        Files.createDirectories(p);
        Files.writeString(p.resolve("policy.yaml"), "id: users\nversion: \"1\"\n");
        // First rule without @id: compiled and run, but no verdict would ever report it.
        Files.writeString(p.resolve("silent.drl"), """
                package users.silent;
                import org.tlsverdict.facts.*;
                import org.tlsverdict.policy.Outcome;
                rule "silent" when then end
                rule "silent: port 25" when Endpoint( port == 25 ) then insertLogical( Outcome.fail( drools, "25" ) ); end
                """);
        // A criterion whose package names another file, and whose cases never show it undecided.
        Files.writeString(p.resolve("named.drl"), """
                package users.other_name;
                import org.tlsverdict.facts.*;
                import org.tlsverdict.policy.Outcome;
                rule "named" @id("U-NAMED") @title("t") @level("MUST") @source("https://example.test") @expect("e") when then end
                rule "named: 25" when Endpoint( port == 25 ) then insertLogical( Outcome.pass( drools, "25" ) ); end
                rule "named: 26" when Endpoint( port == 26 ) then insertLogical( Outcome.fail( drools, "26" ) ); end
                """);
        Files.writeString(p.resolve("named.cases.yaml"), """
                cases:
                  - {name: on 25, facts: {endpoint: {host: a.test, port: 25}}, expect: PASS}
                  - {name: on 26, facts: {endpoint: {host: a.test, port: 26}}, expect: FAIL}
                """);
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("test", p.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains("users/silent.drl: no @id: the file defines no criterion")
                .contains("named.drl: package users.other_name does not match the file name (expected one ending in .named)")
                .contains("named.cases.yaml: U-NAMED has no case expecting INCONCLUSIVE")
                .containsPattern("(?m)^2 passed, 3 failed$");
    }

    @Test
    void testRefusesACriterionWithTwoNames() throws Exception {
        Path p = tmp.resolve("twonames");
        Files.createDirectories(p);
        Files.writeString(p.resolve("policy.yaml"), "id: twonames\nversion: \"1\"\n");
        Files.writeString(p.resolve("versions.drl"), """
                package twonames.versions;
                import org.tlsverdict.facts.*;
                import org.tlsverdict.policy.Outcome;
                rule "versions" @id("U-TLS-VERSIONS") @title("t") @level("MUST") @source("https://example.test") @expect("e") when then end
                rule "versions: 25" when Endpoint( port == 25 ) then insertLogical( Outcome.pass( drools, "25" ) ); end
                rule "versions: 26" when Endpoint( port == 26 ) then insertLogical( Outcome.fail( drools, "26" ) ); end
                rule "versions: 27" when Endpoint( port == 27 ) then insertLogical( Outcome.inconclusive( drools, "27" ) ); end
                """);
        Files.writeString(p.resolve("versions.cases.yaml"), """
                cases:
                  - {name: on 25, facts: {endpoint: {host: a.test, port: 25}}, expect: PASS}
                  - {name: on 26, facts: {endpoint: {host: a.test, port: 26}}, expect: FAIL}
                  - {name: on 27, facts: {endpoint: {host: a.test, port: 27}}, expect: INCONCLUSIVE}
                """);
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("test", p.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).containsOnlyOnce("FAIL ")
                .contains("twonames/versions.drl: @id(U-TLS-VERSIONS) and the file name versions.drl name the criterion twice:"
                        + " call the file tls-versions.drl (the id after its prefix, in lower case)")
                .containsPattern("(?m)^3 passed, 1 failed$");
    }

    @Test
    void rulesDocWritesMarkdown() throws Exception {
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("rules", "rules/privacyguides-2023", "--doc", "--out", tmp.toString());
        assertThat(r.exit()).isZero();
        assertThat(Files.readString(tmp.resolve("privacyguides-2023.md"))).contains("### PGP-TLS-VERSION");
    }
}
