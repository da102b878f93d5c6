package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Usage errors of {@code check}: exit 2 and one line, before any query or connection. */
class CheckCommandTest {

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
    void usageErrorsExitTwoWithOneLine() {
        Run none = run("check");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err().strip()).isEqualTo("tlsverdict: check needs at least one DOMAIN");
        Run ispdb = run("check", "example.test", "--resolver", "127.0.0.1:1", "--ispdb", "http://ispdb.test/v1.1/");
        assertThat(ispdb.exit()).isEqualTo(2);
        assertThat(ispdb.err().strip().lines()).singleElement().asString().contains("--ispdb must be an https URL");
        Run format = run("check", "example.test", "--format", "sarif");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).contains("text, markdown, json or yaml");
        Run timeout = run("check", "example.test", "--timeout", "0");
        assertThat(timeout.exit()).isEqualTo(2);
        Run resolver = run("check", "example.test", "--resolver", "dns.example.test:53", "--policy", "rules/mail-dns");
        assertThat(resolver.exit()).isEqualTo(2);
        assertThat(resolver.err().strip().lines()).singleElement().asString().contains("give an IP address");
        Run policy = run("check", "example.test", "--policy", "rules/no-such-policy");
        assertThat(policy.exit()).isEqualTo(2);
        assertThat(policy.out()).isEmpty();
    }
}
