package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tlsverdict.policy.HostileRules;
import org.tlsverdict.policy.PolicyException;
import org.tlsverdict.policy.RuleCompiler;

/**
 * The hostile corpus through the paths a proposed change takes: a git revision
 * ({@code git:REV:rules/<id>} on a throwaway repository), {@code extends} and {@code includes}, and
 * the command line, where a refusal is exit 2 with one line per finding. {@code --trust-rules}
 * shows in the report header.
 */
class HostileRulesCliTest {

    @TempDir
    static Path repo;

    @TempDir
    static Path work;

    static Path marker;

    static List<HostileRules.Hostile> corpus;

    @BeforeAll
    static void commitTheCorpus() throws IOException, URISyntaxException, InterruptedException {
        corpus = HostileRules.all();
        marker = work.resolve("marker");
        for (HostileRules.Hostile h : corpus) {
            Path dir = Files.createDirectories(repo.resolve("rules/h-" + h.name()));
            Files.writeString(dir.resolve("policy.yaml"), "id: h-" + h.name() + "\ntitle: t\nversion: \"1\"\nstatus: draft\n");
            Files.writeString(dir.resolve(h.name() + ".drl"), h.withMarker(marker));
        }
        // The same hostile file reached through includes and extends.
        HostileRules.Hostile fileWrite = byName("file-write-statement");
        Path shared = Files.createDirectories(repo.resolve("rules/hostile-shared"));
        Files.writeString(shared.resolve("derive.drl"), fileWrite.withMarker(marker).replace("hostile.file_write_statement", "hostile.shared"));
        Path including = Files.createDirectories(repo.resolve("rules/including"));
        Files.writeString(including.resolve("policy.yaml"), "id: including\ntitle: t\nversion: \"1\"\nstatus: draft\nincludes: [../hostile-shared]\n");
        Path extending = Files.createDirectories(repo.resolve("rules/extending"));
        Files.writeString(extending.resolve("policy.yaml"), "id: extending\ntitle: t\nversion: \"1\"\nstatus: draft\nextends: ../h-process-start\n");
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-q", "-m", "hostile rules");
    }

    @BeforeEach
    void markerProperty() {
        System.setProperty("tlsverdict.hostile.marker", marker.toString());
    }

    @AfterEach
    void noMarker() throws IOException {
        System.clearProperty("tlsverdict.hostile.marker");
        assertThat(marker).as("no hostile code ran").doesNotExist();
    }

    static List<HostileRules.Hostile> corpus() throws IOException, URISyntaxException {
        return HostileRules.all();
    }

    private static HostileRules.Hostile byName(String name) {
        return corpus.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    private static void git(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    private String refusal(String spec) {
        RuleCompiler compiler = new RuleCompiler(null);
        PolicyException e = catchThrowableOfType(() -> compiler.compile(PolicySpec.load(spec, work.resolve("scratch"), repo)), PolicyException.class);
        assertThat(e).as(spec + " refused").isNotNull();
        return e.getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusedFromAGitRevision(HostileRules.Hostile h) {
        String message = refusal("git:HEAD:rules/h-" + h.name());
        List<String> lines = message.lines().toList();
        assertThat(lines).as(message).isNotEmpty().allSatisfy(l -> assertThat(l)
                .matches("rules/h-" + java.util.regex.Pattern.quote(h.name()) + "/" + java.util.regex.Pattern.quote(h.name())
                        + "\\.drl:\\d+: .+ is not allowed in a rule file"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(h.expect()));
    }

    @Test
    void refusedThroughIncludesAndExtends() {
        assertThat(refusal("git:HEAD:rules/including")).startsWith("rules/hostile-shared/derive.drl:").contains("is not allowed in a rule file");
        assertThat(refusal("git:HEAD:rules/extending")).startsWith("rules/h-process-start/process-start.drl:").contains("is not allowed in a rule file");
    }

    @Test
    void theCommandLineRefusesWithExitTwoAndOneLinePerFinding() throws IOException {
        Path facts = work.resolve("facts.yaml");
        Files.writeString(facts, "schema: tlsverdict/facts/v1\nendpoints:\n  - endpoint: {host: mail.example, port: 25}\n"
                + "    protocols: {TLSv1.2: offered}\n");
        for (String name : List.of("process-start", "file-write-fqn", "unicode-escape-comment", "function", "mvel-dialect")) {
            EvaluateCommandTest.Run r = EvaluateCommandTest.run("evaluate", facts.toString(), "--policy", repo.resolve("rules/h-" + name).toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.ERROR);
            assertThat(r.err().lines().toList()).as(r.err()).hasSize(1)
                    .allSatisfy(l -> assertThat(l).matches(".*/" + name + "\\.drl:\\d+: .+ is not allowed in a rule file"));
            assertThat(r.out()).isEmpty();
        }
        for (String command : List.of("test", "rules", "replay")) {
            String[] args = command.equals("replay")
                    ? new String[] {"replay", work.toString(), "--policy", repo.resolve("rules/h-eval").toString()}
                    : new String[] {command, repo.resolve("rules/h-eval").toString()};
            EvaluateCommandTest.Run r = EvaluateCommandTest.run(args);
            assertThat(r.exit()).as(command + ": " + r.err()).isEqualTo(ExitCodes.ERROR);
            assertThat(r.err()).contains("eval.drl:").contains("is not allowed in a rule file");
        }
    }

    @Test
    void trustRulesIsOffByDefaultAndShowsInEveryReportHeader() throws IOException {
        Path facts = work.resolve("facts.yaml");
        Files.writeString(facts, "schema: tlsverdict/facts/v1\nendpoints:\n  - endpoint: {host: mail.example, port: 25}\n"
                + "    protocols: {TLSv1.2: offered}\n");
        Path policy = Path.of("rules/privacyguides-2023");
        String note = "rules trusted (--trust-rules)";
        for (String format : List.of("text", "json", "yaml", "markdown", "sarif", "junit", "html")) {
            EvaluateCommandTest.Run plain = EvaluateCommandTest.run("evaluate", facts.toString(), "--policy", policy.toString(), "--format", format);
            assertThat(plain.out()).as(format).doesNotContain(note).doesNotContain("trustedRules");
            EvaluateCommandTest.Run trusted = EvaluateCommandTest.run("evaluate", facts.toString(), "--policy", policy.toString(), "--format", format, "--trust-rules");
            assertThat(trusted.exit()).as(trusted.err()).isEqualTo(plain.exit());
            assertThat(trusted.out()).as(format).satisfiesAnyOf(o -> assertThat(o).contains(note), o -> assertThat(o).contains("trustedRules"));
            if (format.equals("json")) {
                assertThat(trusted.out()).contains("\"trustedRules\" : true");
            }
        }
        EvaluateCommandTest.Run diff = EvaluateCommandTest.run("diff", "--from", "rules/privacyguides-2023", "--to", "rules/privacyguides-proposed",
                work.toString(), "--trust-rules");
        assertThat(diff.out()).contains(note);
        EvaluateCommandTest.Run test = EvaluateCommandTest.run("test", "rules/mail-dns", "--trust-rules");
        assertThat(test.out()).startsWith(note);
    }
}
