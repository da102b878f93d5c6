package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.facts.FactsCodec;
import picocli.CommandLine;

/** Exit status by level (MUST FAIL exits 1, SHOULD only with --fail-on should) and internal errors (3). */
class ExitStatusTest {

    static final String FACTS = "fixtures/seed-forum/jonaharagon-587.json";

    @TempDir
    Path tmp;

    /** A policy with one criterion of {@code level} concluding {@code outcome} on every endpoint. */
    private Path policy(String level, String outcome) throws Exception {
        Path dir = tmp.resolve(level + "-" + outcome);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("policy.yaml"), "id: levels\ntitle: levels\nversion: \"1\"\nstatus: draft\n");
        Files.writeString(dir.resolve("always.drl"), """
                package levels.always;
                import org.tlsverdict.facts.*;
                import org.tlsverdict.policy.Outcome;
                rule "always"
                    @id("L-1") @title("always") @level("%s") @source("https://example.org/") @expect("nothing")
                when
                then
                end
                rule "always: conclude"
                when
                    Endpoint()
                then
                    insertLogical( Outcome.%s( drools, "concluded" ) );
                end
                """.formatted(level, outcome));
        return dir;
    }

    private static EvaluateCommandTest.Run evaluate(Path policy, String... more) {
        String[] args = new String[5 + more.length];
        args[0] = "evaluate";
        args[1] = FACTS;
        args[2] = "--policy";
        args[3] = policy.toString();
        args[4] = "--no-color";
        System.arraycopy(more, 0, args, 5, more.length);
        return EvaluateCommandTest.run(args);
    }

    @Test
    void mustFailExitsOneShouldFailOnlyWhenAskedFor() throws Exception {
        assertThat(evaluate(policy("MUST", "fail")).exit()).isEqualTo(1);
        assertThat(evaluate(policy("MUST_NOT", "fail")).exit()).isEqualTo(1);
        Path should = policy("SHOULD", "fail");
        EvaluateCommandTest.Run r = evaluate(should);
        assertThat(r.out()).contains("FAIL");
        assertThat(r.exit()).isZero();
        assertThat(evaluate(should, "--fail-on", "should").exit()).isEqualTo(1);
        assertThat(evaluate(policy("MAY", "fail"), "--fail-on", "should").exit()).isEqualTo(1);
    }

    @Test
    void warnAndInconclusiveFailOnlyAtTheirLevel() throws Exception {
        Path warn = policy("MUST", "warn");
        assertThat(evaluate(warn).exit()).isZero();
        assertThat(evaluate(warn, "--fail-on", "should").exit()).isZero();
        assertThat(evaluate(warn, "--fail-on", "warn").exit()).isEqualTo(1);
        Path inconclusive = policy("MUST", "inconclusive");
        assertThat(evaluate(inconclusive, "--fail-on", "warn").exit()).isZero();
        assertThat(evaluate(inconclusive, "--fail-on", "inconclusive").exit()).isEqualTo(1);
        assertThat(evaluate(policy("MUST", "pass"), "--fail-on", "inconclusive").exit()).isZero();
        assertThat(evaluate(warn, "--fail-on", "sometimes").exit()).isEqualTo(2);
    }

    @Test
    void notCollectedCriteriaDoNotFailAnOnlyCollectedRun() {
        EvaluateCommandTest.Run all = EvaluateCommandTest.run("evaluate", "fixtures/seed-forum-nmap/jonaharagon-587.nmap.txt",
                "--policy", EvaluateCommandTest.POLICY, "--fail-on", "inconclusive");
        assertThat(all.exit()).isEqualTo(1);
        EvaluateCommandTest.Run collected = EvaluateCommandTest.run("evaluate", "fixtures/seed-forum-nmap/jonaharagon-587.nmap.txt",
                "--policy", EvaluateCommandTest.POLICY, "--fail-on", "inconclusive", "--only-collected");
        assertThat(collected.exit()).isZero();
    }

    @Test
    void sarifLevelsFollowTheCriterionLevel() throws Exception {
        JsonNode should = FactsCodec.json().readTree(evaluate(policy("SHOULD", "fail"), "--format", "sarif").out());
        JsonNode run = should.path("runs").get(0);
        assertThat(run.path("tool").path("driver").path("rules").get(0).path("defaultConfiguration").path("level").asText())
                .isEqualTo("warning");
        assertThat(run.path("results").get(0).path("level").asText()).isEqualTo("warning");
        JsonNode must = FactsCodec.json().readTree(evaluate(policy("MUST", "fail"), "--format", "sarif").out());
        assertThat(must.path("runs").get(0).path("results").get(0).path("level").asText()).isEqualTo("error");
        JsonNode unknown = FactsCodec.json().readTree(evaluate(policy("MUST", "inconclusive"), "--format", "sarif").out());
        assertThat(unknown.path("runs").get(0).path("results").get(0).path("level").asText()).isEqualTo("note");
    }

    @CommandLine.Command(name = "crash")
    static final class Crash implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("the engine broke\nsecond line");
        }
    }

    private static EvaluateCommandTest.Run crash(String... args) {
        CommandLine cl = Main.commandLine();
        cl.addSubcommand("crash", new Crash());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new EvaluateCommandTest.Run(exit, out.toString(), err.toString());
    }

    @Test
    void internalErrorExitsThreeWithOneLineAndTheStackTraceOnlyWithDebug() {
        EvaluateCommandTest.Run r = crash("crash");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().lines()).singleElement().asString()
                .isEqualTo("tlsverdict: internal error: the engine broke (run again with --debug for the stack trace)");
        EvaluateCommandTest.Run debug = crash("crash", "--debug");
        assertThat(debug.exit()).isEqualTo(3);
        assertThat(debug.err()).startsWith("tlsverdict: internal error: the engine broke\n").contains("at org.tlsverdict.cli.ExitStatusTest$Crash.call");
    }
}
