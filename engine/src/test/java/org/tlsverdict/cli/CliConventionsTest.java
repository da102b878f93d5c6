package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** --version with build identity, completion scripts, "did you mean", --at as a date, '-' for stdin. */
class CliConventionsTest {

    private static final String GMAIL = "fixtures/seed-forum/gmail-587.json";
    private static final String POLICY = "rules/privacyguides-proposed";

    @Test
    void versionNamesCommitJavaDroolsAndBouncyCastle() {
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("(?m)^tlsverdict \\S+ \\(commit \\S+\\)$")
                .containsPattern("(?m)^Java (1[7-9]|[2-9]\\d)\\S* \\(")
                .containsPattern("(?m)^Drools \\d+\\.\\d+")
                .containsPattern("(?m)^Bouncy Castle \\d+\\.\\d+")
                .doesNotContain("unknown\n" + "Bouncy");
        if (Files.exists(Path.of(".git"))) {
            // Built inside a clone: Maven recorded the commit (a clean clone without .git says "unknown").
            assertThat(VersionInfo.commit()).matches("[0-9a-f]{12}(-dirty)?");
        }
    }

    @Test
    void completionScriptsKnowTheSubcommands() {
        EvaluateCommandTest.Run bash = EvaluateCommandTest.run("completion", "bash");
        assertThat(bash.exit()).isZero();
        assertThat(bash.out()).contains("complete -F").contains("evaluate").contains("policies").contains("--policy");
        EvaluateCommandTest.Run zsh = EvaluateCommandTest.run("completion", "zsh");
        assertThat(zsh.exit()).isZero();
        assertThat(zsh.out()).startsWith("autoload -U +X compinit").contains("bashcompinit").contains("complete -F");
        assertThat(EvaluateCommandTest.run("completion", "fish").exit()).isEqualTo(2);
    }

    @Test
    void manPageDescribesEveryCommandAndOption() {
        EvaluateCommandTest.Run r = EvaluateCommandTest.run("manpage");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith(".TH TLSVERDICT 1").contains(".SH EXIT STATUS");
        for (String command : new String[] {"evaluate", "import", "replay", "diff", "scan", "check", "test", "rules", "policies"}) {
            assertThat(r.out()).contains(".SS " + command + "\n");
        }
        assertThat(r.out()).contains(".B \\-\\-only\\-collected").contains(".B \\-\\-fail\\-on").contains("sarif, junit, html");
        // No line may start with a dot or quote that roff would read as a request.
        r.out().lines().filter(l -> l.startsWith(".") || l.startsWith("'"))
                .forEach(l -> assertThat(l).matches("^\\.(TH|SH|SS|B|I|PP|TP)( .*)?$"));
    }

    @Test
    void helpListsEveryReportFormat() {
        for (String command : new String[] {"evaluate", "diff", "scan"}) {
            String help = EvaluateCommandTest.run(command, "--help").out();
            for (org.tlsverdict.report.Format f : org.tlsverdict.report.Format.values()) {
                assertThat(help).as(command + " --help").contains(f.name());
            }
        }
    }

    @Test
    void aMistypedSubcommandOrOptionGetsASuggestion() {
        EvaluateCommandTest.Run sub = EvaluateCommandTest.run("evalute", GMAIL);
        assertThat(sub.exit()).isEqualTo(2);
        assertThat(sub.err()).contains("Did you mean").contains("evaluate");
        EvaluateCommandTest.Run opt = EvaluateCommandTest.run("evaluate", GMAIL, "--policy", POLICY, "--explian");
        assertThat(opt.exit()).isEqualTo(2);
        assertThat(opt.err()).contains("Did you mean").contains("--explain");
    }

    @Test
    void atTakesAPlainDateAsItsStartInUtc() {
        EvaluateCommandTest.Run date = EvaluateCommandTest.run("evaluate", GMAIL, "--policy", POLICY, "--format", "json", "--at", "2030-01-01");
        EvaluateCommandTest.Run instant = EvaluateCommandTest.run("evaluate", GMAIL, "--policy", POLICY, "--format", "json", "--at", "2030-01-01T00:00:00Z");
        assertThat(date.err()).isEmpty();
        assertThat(date.exit()).isEqualTo(instant.exit());
        assertThat(date.out()).isEqualTo(instant.out());
        EvaluateCommandTest.Run bad = EvaluateCommandTest.run("evaluate", GMAIL, "--policy", POLICY, "--at", "2030-13-01");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'2030-13-01' is neither a date (2030-01-01) nor an instant").doesNotContain("Exception");
    }

    @Test
    void dashReadsStandardInput() throws Exception {
        EvaluateCommandTest.Run fromFile = EvaluateCommandTest.run("import", GMAIL, "--format", "json");
        InputStream saved = System.in;
        EvaluateCommandTest.Run fromStdin;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(Path.of(GMAIL))));
            fromStdin = EvaluateCommandTest.run("import", "-", "--format", "json");
        } finally {
            System.setIn(saved);
        }
        assertThat(fromStdin.err()).isEmpty();
        assertThat(fromStdin.exit()).isZero();
        assertThat(fromStdin.out()).contains("\"TLSv1.2\"").isEqualTo(fromFile.out().replace(GMAIL, "-"));
    }
}
