package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.collect.probe.HostileServer;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.FactsDocument;
import picocli.CommandLine;

class ScanCommandTest {

    static final String POLICY = "rules/privacyguides-proposed";

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

    /** criterion id -> status of the only endpoint. */
    static Map<String, String> statuses(String json) throws Exception {
        JsonNode doc = new ObjectMapper().readTree(json);
        Map<String, String> out = new HashMap<>();
        doc.get("results").get(0).get("verdicts").forEach(v -> out.put(v.get("criterion").asText(), v.get("status").asText()));
        return out;
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        Run badStarttls = run("scan", "127.0.0.1:20999", "--starttls", "ftp");
        assertThat(badStarttls.exit()).isEqualTo(2);
        assertThat(badStarttls.err()).contains("--starttls must be");
        Run badRunner = run("scan", "127.0.0.1:20999", "--runner", "nope");
        assertThat(badRunner.exit()).isEqualTo(2);
        assertThat(badRunner.err()).contains("unknown runner 'nope'").contains("native");
        Run badTarget = run("scan", "127.0.0.1");
        assertThat(badTarget.exit()).isEqualTo(2);
        assertThat(badTarget.err().strip().lines()).singleElement().asString().contains("expected HOST:PORT");
        Run badRate = run("scan", "127.0.0.1:20999", "--rate", "-3/min");
        assertThat(badRate.exit()).isEqualTo(2);
        Run nothing = run("scan");
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("scan needs a TARGET or --domain DOMAIN");
        Run badResolver = run("scan", "--domain", "example.test", "--resolver", "resolver.example:53");
        assertThat(badResolver.exit()).isEqualTo(2);
        assertThat(badResolver.err().strip().lines()).singleElement().asString().contains("give an IP address");
    }

    @Test
    void aTargetResolvedElsewhereIsProbedAtItsAddressUnderItsName() throws Exception {
        try (HostileServer server = new HostileServer(HostileServer.Behaviour.HONEST_TLS12)) {
            // .invalid never resolves (RFC 6761): the scan can only succeed at the pinned address.
            org.tlsverdict.collect.ScanTarget target = org.tlsverdict.collect.ScanTarget.parse("https://mx.example.invalid:" + server.port())
                    .at("127.0.0.1");
            var options = new org.tlsverdict.collect.ScanRunner.ScanOptions(null, 2, 30, 0, org.tlsverdict.collect.Starttls.AUTO, null);
            var result = new org.tlsverdict.collect.probe.NativeRunner().scan(target, options,
                    org.tlsverdict.collect.ScanRunner.ScanProgress.SILENT);
            assertThat(result.facts().endpoint().host()).isEqualTo("mx.example.invalid");
            assertThat(result.facts().endpoint().ip()).isEqualTo("127.0.0.1");
            assertThat(result.presentedChain()).isNotEmpty();
        }
    }

    @Test
    void rateAcceptsPerMinuteAndPerSecond() {
        ConnectionLimits.RateConverter c = new ConnectionLimits.RateConverter();
        assertThat(c.convert("30/min")).isEqualTo(30.0);
        assertThat(c.convert("12")).isEqualTo(12.0);
        assertThat(c.convert("2/s")).isEqualTo(120.0);
    }

    @Test
    void severalTargetsGoIntoOneFactsFileAndAnUnreachableOneIsReported() throws Exception {
        try (HostileServer a = new HostileServer(HostileServer.Behaviour.HONEST_TLS12);
             HostileServer b = new HostileServer(HostileServer.Behaviour.HONEST_TLS12).smtp(-1, 0)) {
            int closed;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                closed = free.getLocalPort();
            }
            Path facts = tmp.resolve("facts.json");
            Run r = run("scan", "127.0.0.1:" + a.port(), "smtp://127.0.0.1:" + b.port(), "127.0.0.1:" + closed,
                    "-o", facts.toString(), "--timeout", "2", "--quiet");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("127.0.0.1:" + a.port() + ": native, " + a.connections() + " connections")
                    .contains("127.0.0.1:" + closed + ": cannot connect");
            FactsDocument doc = FactsCodec.read(facts, "facts.json");
            assertThat(doc.endpoints()).hasSize(2);
            assertThat(doc.endpoints().get(1).endpoint().transport().toString()).isEqualTo("starttls");
            assertThat(Files.readString(facts)).startsWith("{");
        }
    }

    @Test
    void serversThatDoNotAnswerHonestlyNeverPass() throws Exception {
        for (HostileServer.Behaviour b : new HostileServer.Behaviour[] {HostileServer.Behaviour.STALL, HostileServer.Behaviour.GARBAGE,
                HostileServer.Behaviour.RESET_MID_HANDSHAKE}) {
            try (HostileServer s = new HostileServer(b)) {
                Run r = run("scan", "smtps://127.0.0.1:" + s.port(), "--policy", POLICY, "--format", "json", "--timeout", "1", "--quiet");
                assertThat(statuses(r.out()).values()).as(b.toString()).doesNotContain("PASS");
                assertThat(r.exit()).as(b.toString()).isNotEqualTo(1);
            }
        }
    }

    @Test
    void aHugeChainLeavesTheCertificateCriterionInconclusive() throws Exception {
        try (HostileServer s = new HostileServer(HostileServer.Behaviour.HUGE_CHAIN)) {
            Run r = run("scan", "smtps://127.0.0.1:" + s.port(), "--policy", POLICY, "--format", "json", "--timeout", "2", "--quiet");
            assertThat(statuses(r.out())).containsEntry("PGP-CERT", "INCONCLUSIVE");
        }
    }

    @Test
    void aLyingServerHelloLeavesSuiteCriteriaUnpassed() throws Exception {
        try (HostileServer s = new HostileServer(HostileServer.Behaviour.LYING_SERVER_HELLO)) {
            Run r = run("scan", "smtps://127.0.0.1:" + s.port(), "--policy", POLICY, "--format", "json", "--timeout", "1", "--quiet");
            Map<String, String> st = statuses(r.out());
            assertThat(st.get("PGP-STRONG-ONLY")).isNotEqualTo("PASS");
            assertThat(st.get("PGP-NO-EXPORT")).isNotEqualTo("PASS");
            assertThat(st.get("PGP-SERVER-ORDER")).isNotEqualTo("PASS");
        }
    }
}
