package org.tlsverdict.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.cli.Main;
import org.tlsverdict.facts.FactsCodec;
import picocli.CommandLine;

/**
 * {@code check} end to end against real servers: the mail testbed (Postfix on 25, 587, 465; Dovecot
 * on 143, 993, 110, 995, strong configuration) and the provider testbed (Knot with signed zones
 * holding MX and RFC 6186/8314 SRV records, nginx serving autoconfig and an ISPDB, an IMAPS server
 * on a non-standard port). Run it under {@code flock /tmp/tlsverdict-testbed.lock}: the mail ports
 * are shared with the other testbed tests.
 */
@Tag("integration")
class ProviderCheckIT {

    @TempDir
    static Path work;
    static final Map<String, String> env = new HashMap<>();

    @BeforeAll
    static void up() throws Exception {
        run(List.of("scripts/testbed/up", "strong"), work.resolve("mail-up.log"));
        run(List.of("scripts/provider-testbed/start", work.resolve("provider").toString()), work.resolve("provider-up.log"));
        for (String line : Files.readAllLines(work.resolve("provider/testbed.env"), StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            env.put(line.substring(0, eq), line.substring(eq + 1));
        }
    }

    @AfterAll
    static void down() throws Exception {
        new ProcessBuilder("scripts/provider-testbed/stop", work.resolve("provider").toString()).start().waitFor(60, TimeUnit.SECONDS);
        new ProcessBuilder("scripts/testbed/down").start().waitFor(60, TimeUnit.SECONDS);
    }

    static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }

    record Run(int code, String out, String err, double seconds) {
    }

    static Run check(String... args) {
        List<String> all = new ArrayList<>(List.of("check", "--resolver", env.get("PROVIDER_TESTBED_RESOLVER"),
                "--trust-anchor", env.get("PROVIDER_TESTBED_TRUST_ANCHOR"), "--ca", env.get("PROVIDER_TESTBED_CA"),
                "--connect-timeout", "5", "--dns-timeout", "3", "--quiet"));
        all.addAll(List.of(args));
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        long start = System.nanoTime();
        int code = cl.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString(), (System.nanoTime() - start) / 1e9);
    }

    @Test
    void findsEveryAdvertisedServiceWithItsSourceScansEachAndJudgesTheTable() throws Exception {
        Path facts = work.resolve("provider.json");
        Run r = check("provider.test", "--ispdb", "https://ispdb.test/v1.1/", "-o", facts.toString(), "--format", "json");
        JsonNode doc = FactsCodec.json().readTree(facts.toFile());
        Map<String, String> services = new LinkedHashMap<>();
        for (JsonNode s : doc.path("domains").get(0).path("services")) {
            services.put(s.path("host").asText() + ":" + s.path("port").asInt(), s.path("service").asText() + " "
                    + s.path("transport").asText() + " " + s.path("foundBy").toString());
        }
        assertThat(services).containsExactly(
                Map.entry("mx.provider.test:25", "smtp starttls [\"mx\"]"),
                Map.entry("smtp.provider.test:465", "submissions implicit [\"srv\",\"ispdb\"]"),
                Map.entry("smtp.provider.test:587", "submission starttls [\"srv\",\"autoconfig\"]"),
                Map.entry("imap.provider.test:993", "imaps implicit [\"srv\",\"autoconfig\",\"ispdb\"]"),
                Map.entry("imap-alt.provider.test:" + env.get("PROVIDER_TESTBED_ALT_PORT"), "imaps implicit [\"srv\"]"),
                Map.entry("imap.provider.test:143", "imap starttls [\"srv\"]"),
                Map.entry("pop.provider.test:995", "pop3s implicit [\"srv\"]"),
                Map.entry("pop.provider.test:110", "pop3 starttls [\"autoconfig\"]"));
        // Every discovered endpoint was scanned, with its service and transport from discovery.
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (JsonNode e : doc.path("endpoints")) {
            JsonNode ep = e.path("endpoint");
            endpoints.put(ep.path("host").asText() + ":" + ep.path("port").asInt(), ep.path("service").asText() + " " + ep.path("transport").asText());
            assertThat(e.has("protocols")).as(ep.toString() + " scanned").isTrue();
        }
        assertThat(endpoints).containsEntry("smtp.provider.test:465", "smtps implicit").containsEntry("pop.provider.test:110", "pop3 starttls")
                .hasSize(8);
        List<String> kept = new ArrayList<>();
        doc.path("domains").get(0).path("provenance").fields().forEachRemaining(f -> {
            if (f.getKey().startsWith("discovery.finding.")) {
                kept.add(f.getValue().path("raw").asText());
            }
        });
        assertThat(kept).anyMatch(f -> f.contains("submission: sources disagree on the endpoint to use"));
        assertThat(r.err()).contains("_pop3._tcp.provider.test SRV: target \".\": pop3 is not offered")
                .contains("provider.test: submission: sources disagree on the endpoint to use: srv says smtp.provider.test:465 (implicit)")
                .contains("provider.test: pop3: sources disagree");

        JsonNode report = FactsCodec.json().readTree(r.out());
        JsonNode p = report.path("providers").get(0);
        Map<String, JsonNode> rows = new HashMap<>();
        p.path("endpoints").forEach(row -> rows.put(row.path("host").asText() + ":" + row.path("port").asInt(), row));
        assertThat(rows).hasSize(8);
        // Strong configuration: TLS 1.2+, ECDHE AEAD with server order on every Postfix and Dovecot port.
        for (String client : List.of("smtp.provider.test:465", "smtp.provider.test:587", "imap.provider.test:993", "imap.provider.test:143",
                "pop.provider.test:995", "pop.provider.test:110")) {
            JsonNode v = rows.get(client).path("verdicts");
            assertThat(v.path("PGP-TLS-MANDATORY").asText()).as(client).isEqualTo("PASS");
            assertThat(v.path("PGP-STRONG-ONLY").asText()).as(client).isEqualTo("PASS");
            assertThat(v.path("PGP-SERVER-ORDER").asText()).as(client).isEqualTo("PASS");
            assertThat(v.has("DNS-MTA-STS")).as(client + ": domain criteria are judged on the domain").isFalse();
        }
        JsonNode mx = rows.get("mx.provider.test:25").path("verdicts");
        assertThat(mx.path("PGP-TLS-PORT25").asText()).isEqualTo("PASS");
        assertThat(mx.path("DNS-DNSSEC").asText()).isEqualTo("PASS");
        assertThat(p.path("domainVerdicts").path("DNS-DNSSEC").asText()).isEqualTo("PASS");
        assertThat(p.path("domainVerdicts").path("DNS-MTA-STS").asText()).isEqualTo("FAIL");
        // openssl s_server's defaults (client order, CBC suites) on the non-standard port.
        JsonNode alt = rows.get("imap-alt.provider.test:" + env.get("PROVIDER_TESTBED_ALT_PORT")).path("verdicts");
        assertThat(alt.path("PGP-SERVER-ORDER").asText()).isEqualTo("FAIL");
        assertThat(p.path("status").asText()).isEqualTo("FAIL");
        assertThat(r.code()).isEqualTo(1);

        Run md = check("provider.test", "--format", "markdown");
        assertThat(md.out().length()).isLessThan(32_000);
        assertThat(md.out()).contains("| Criterion |").contains("submissions<br>`smtp.provider.test:465`<br>srv")
                .contains("**Met wherever it applies:**");
        System.out.printf("check provider.test: %.1f s (json run), %.1f s (markdown run)%n", r.seconds(), md.seconds());
    }

    @Test
    void hostileDomainsGiveOneLineEachAndNothingHangs() throws Exception {
        Path facts = work.resolve("hostile.json");
        Run r = check("entities.test", "big.test", "ctype.test", "srvbad.test", "-o", facts.toString());
        String e = r.err();
        assertThat(lines(e, "autoconfig.entities.test")).containsExactly("https://autoconfig.entities.test/mail/config-v1.1.xml"
                + "?emailaddress=postmaster%40entities.test: autoconfig XML with a document type or entity declaration is refused"
                + " (no entity expansion, nothing external)");
        assertThat(lines(e, "autoconfig.big.test")).singleElement().asString().endsWith("autoconfig document is larger than 262144 bytes"
                + " (Content-Length 10485882)");
        assertThat(lines(e, "autoconfig.ctype.test")).singleElement().asString().endsWith("content type is \"text/html\", not text/xml or application/xml");
        assertThat(lines(e, "nowhere.srvbad.test")).containsExactly("nowhere.srvbad.test:993: not scanned: cannot resolve nowhere.srvbad.test: no address record");
        assertThat(lines(e, "loop1.srvbad.test")).singleElement().asString().startsWith("loop1.srvbad.test:465: not scanned: cannot resolve loop1.srvbad.test:");
        // Unreachable endpoints stay in the facts with the reason.
        JsonNode doc = FactsCodec.json().readTree(facts.toFile());
        List<String> raws = new ArrayList<>();
        doc.path("endpoints").forEach(x -> raws.add(x.path("endpoint").path("host").asText() + " " + x.path("source").path("raw").asText()));
        assertThat(raws).hasSize(2).anyMatch(s -> s.startsWith("nowhere.srvbad.test not scanned: cannot resolve"));
        assertThat(r.seconds()).as("four hostile domains").isLessThan(120);
        assertThat(r.code()).isEqualTo(0);
    }

    static List<String> lines(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).toList();
    }
}
