package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateCommandTest {

    static final String POLICY = "rules/privacyguides-proposed";
    static final String AT = "2026-01-01T00:00:00Z";

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void failingEndpointExitsOne() {
        Run r = run("evaluate", "fixtures/seed-forum/gmail-587.json", "--policy", POLICY, "--at", AT);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL").contains("PGP-SERVER-ORDER").contains("TLSv1.2: the client chooses");
    }

    @Test
    void noFailExitsZero() {
        Run r = run("evaluate", "fixtures/seed-forum/jonaharagon-587.json", "--policy", POLICY, "--at", AT);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).doesNotContain(" FAIL ");
    }

    @Test
    void badFileIsOneLineAndOthersStillRun() throws Exception {
        Path truncated = tmp.resolve("truncated.json");
        Files.writeString(truncated, "{\"schema\": \"tlsverdict/facts/v1\", \"endpoints\": [{\"endpoint\": {\"host\"");
        Run r = run("evaluate", truncated.toString(), "fixtures/seed-forum/gmail-587.json", "--policy", POLICY,
                "--format", "json", "--at", AT);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).singleElement().asString().startsWith(truncated + ": ");
        assertThat(r.out()).contains("\"host\" : \"smtp.gmail.com\"").contains("\"errors\"");
    }

    @Test
    void brokenPolicyExitsTwoWithFileAndLine() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("p"));
        Files.writeString(dir.resolve("policy.yaml"), "id: p\nversion: \"1\"\n");
        Files.writeString(dir.resolve("x.drl"), "package p.x;\nrule \"x\"\nwhen\n  Foo(\nthen\nend\n");
        Run r = run("evaluate", "fixtures/seed-forum/gmail-587.json", "--policy", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("x.drl:");
    }

    @Test
    void usageErrorExitsTwo() {
        assertThat(run("evaluate", "fixtures/seed-forum/gmail-587.json").exit()).isEqualTo(2);
        assertThat(run("evaluate", "x.json", "--policy", POLICY, "--format", "pdf").exit()).isEqualTo(2);
    }

    @Test
    void explainCitesRuleSourceAndProvenance() {
        Run r = run("evaluate", "fixtures/seed-forum/gmail-587.json", "--policy", POLICY, "--explain", "--at", AT, "--no-color");
        assertThat(r.out())
                .contains("rule file: rules/privacyguides-2023/server-order.drl")
                .contains("source: https://discuss.privacyguides.org/")
                .contains("- TLSv1.2 cipher preference: client  <- nmap-text (transcribed by hand)");
    }

    @Test
    void markdownIsAPastableTable() {
        Run r = run("evaluate", "fixtures/seed-forum/gmail-587.json", "--policy", POLICY, "--format", "markdown", "--explain", "--at", AT);
        assertThat(r.out()).contains("| Endpoint | Overall |").contains("| Criterion | Status | Observed |").contains("❌ FAIL");
    }

    /** The JSON report is a golden file: byte-for-byte stable, no timestamps, no absolute paths. */
    @Test
    void jsonMatchesTheGoldenFile() throws Exception {
        Run r = run("evaluate", "fixtures/seed-forum/gmail-587.json", "fixtures/seed-forum/jonaharagon-587.json",
                "--policy", POLICY, "--format", "json", "--at", AT);
        Path golden = Path.of("engine/src/test/resources/golden/evaluate-seed-forum.json");
        assertThat(r.out()).isEqualTo(Files.readString(golden));
        assertThat(r.out()).doesNotContain(Path.of("").toAbsolutePath().toString());
        Run again = run("evaluate", "fixtures/seed-forum/jonaharagon-587.json", "fixtures/seed-forum/gmail-587.json",
                "--policy", POLICY, "--format", "json", "--at", AT);
        assertThat(again.out()).isEqualTo(r.out());
    }
}
