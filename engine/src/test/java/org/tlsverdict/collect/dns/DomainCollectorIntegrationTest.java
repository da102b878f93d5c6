package org.tlsverdict.collect.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.cli.Main;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.DnssecStatus;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.MtaStsStatus;
import org.tlsverdict.facts.MxHost;
import org.tlsverdict.facts.TlsRptStatus;
import org.tlsverdict.facts.TlsaStatus;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.RuleCompiler;
import org.tlsverdict.policy.Status;
import org.tlsverdict.policy.Verdict;
import picocli.CommandLine;

/**
 * The collector against real servers: Knot DNS serving signed, unsigned, broken-signature and
 * failing zones; nginx serving MTA-STS policies; Postfix as the MX whose key TLSA records pin.
 * Every domain is then judged by rules/mail-dns, and nothing broken may PASS.
 */
@Tag("integration")
class DomainCollectorIntegrationTest {

    @TempDir
    static Path dir;

    static DnsTestbed testbed;
    static DomainCollector collector;
    static CompiledPolicy policy;
    static final Map<String, DomainScan> SCANS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        testbed = DnsTestbed.start(dir.resolve("testbed"));
        collector = DomainCollector.fromSettings(testbed.options());
        policy = RuleCompiler.withoutCache().compile(PolicyLoader.load(Path.of("rules", "mail-dns")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (testbed != null) {
            testbed.close();
        }
        if (!SCANS.isEmpty()) {
            long total = SCANS.values().stream().mapToLong(DomainScan::millis).sum();
            System.out.println("dns-testbed: collected " + SCANS.size() + " domains in " + total + " ms ("
                    + SCANS.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().millis() + " ms").toList() + ")");
        }
    }

    static DomainScan scan(String domain) {
        return SCANS.computeIfAbsent(domain, collector::scan);
    }

    static DomainFacts facts(String domain) {
        return scan(domain).facts();
    }

    static MxHost onlyMx(String domain) {
        assertThat(facts(domain).mx()).hasSize(1);
        return facts(domain).mx().get(0);
    }

    /** The verdicts of rules/mail-dns on the domain's first MX endpoint, by criterion id. */
    static Map<String, Verdict> judge(String domain) {
        DomainFacts d = facts(domain);
        assertThat(d.mx()).as("MX hosts of " + domain).isNotEmpty();
        EndpointFacts e = new EndpointFacts(new Endpoint(d.mx().get(0).host(), null, 25, null, null), null, null, null, null,
                null, null, null);
        Map<String, Verdict> out = new LinkedHashMap<>();
        new Evaluator(policy, CipherRegistry.standard(), Instant.now()).evaluate(e, "it", List.of(d)).verdicts()
                .forEach(v -> out.put(v.criterion(), v));
        return out;
    }

    static Status status(String domain, String criterion) {
        return judge(domain).get(criterion).status();
    }

    @Test
    void allValid() {
        DomainFacts d = facts("good.test");
        assertThat(d.dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(d.nullMx()).isFalse();
        MxHost mx = onlyMx("good.test");
        assertThat(mx.host()).isEqualTo("mx.good.test");
        assertThat(mx.dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(mx.tlsa().status()).isEqualTo(TlsaStatus.MATCH);
        assertThat(mx.tlsa().matched().usage()).isEqualTo(3);
        assertThat(d.mtaSts().status()).isEqualTo(MtaStsStatus.VALID);
        assertThat(d.mtaSts().mode()).isEqualTo("enforce");
        assertThat(d.mtaSts().maxAge()).isEqualTo(604800L);
        assertThat(d.mtaSts().id()).isEqualTo("20261128");
        assertThat(d.tlsRpt().status()).isEqualTo(TlsRptStatus.PRESENT);
        assertThat(d.tlsRpt().rua()).containsExactly("mailto:tlsrpt@good.test");
        assertThat(d.caa().records()).singleElement().satisfies(c -> assertThat(c.value()).isEqualTo("ca.test"));
        assertThat(mx.caa().present()).isTrue();
        assertThat(d.provenanceOf("mx.mx.good.test.tlsa").raw()).contains("_2525._tcp.mx.good.test").contains("matched 3 1 1");
        assertThat(judge("good.test").values()).extracting(Verdict::status).containsOnly(Status.PASS);
        assertThat(scan("good.test").chains()).singleElement().satisfies(c -> assertThat(c.chain()).hasSize(2));
    }

    @Test
    void tlsaMismatch() {
        assertThat(onlyMx("mismatch.test").tlsa().status()).isEqualTo(TlsaStatus.MISMATCH);
        assertThat(onlyMx("mismatch.test").tlsa().records()).hasSize(1);
        assertThat(status("mismatch.test", "DNS-DANE")).isEqualTo(Status.FAIL);
        assertThat(status("mismatch.test", "DNS-DNSSEC")).isEqualTo(Status.PASS);
    }

    @Test
    void zoneUnsigned() {
        DomainFacts d = facts("unsigned.test");
        assertThat(d.dnssec()).isEqualTo(DnssecStatus.INSECURE);
        assertThat(onlyMx("unsigned.test").dnssec()).isEqualTo(DnssecStatus.INSECURE);
        assertThat(onlyMx("unsigned.test").tlsa().status()).isEqualTo(TlsaStatus.UNUSABLE);
        assertThat(onlyMx("unsigned.test").tlsa().reason()).contains("not DNSSEC-signed");
        assertThat(status("unsigned.test", "DNS-DNSSEC")).isEqualTo(Status.FAIL);
        assertThat(status("unsigned.test", "DNS-DANE")).isEqualTo(Status.FAIL);
    }

    @Test
    void bogusSignature() {
        DomainFacts d = facts("bogus.test");
        assertThat(d.dnssec()).isEqualTo(DnssecStatus.BOGUS);
        assertThat(d.provenanceOf("dnssec").raw()).contains("DNSSEC bogus");
        // The MX names come from the unvalidated answer, so the MX is still judged.
        assertThat(onlyMx("bogus.test").host()).isEqualTo("mx.bogus.test");
        assertThat(d.provenanceOf("mx").raw()).contains("unvalidated");
        assertThat(d.mtaSts().status()).isEqualTo(MtaStsStatus.UNKNOWN);
        assertThat(d.mtaSts().reason()).contains("bogus");
        assertThat(d.tlsRpt().status()).isEqualTo(TlsRptStatus.UNKNOWN);
        Map<String, Verdict> v = judge("bogus.test");
        assertThat(v.get("DNS-DNSSEC").status()).isEqualTo(Status.FAIL);
        assertThat(v.get("DNS-MTA-STS").status()).isNotEqualTo(Status.PASS);
        assertThat(v.get("DNS-TLSRPT").status()).isNotEqualTo(Status.PASS);
    }

    @Test
    void mtaStsTestingMode() {
        DomainFacts d = facts("testing.test");
        assertThat(d.mtaSts().status()).isEqualTo(MtaStsStatus.VALID);
        assertThat(d.mtaSts().mode()).isEqualTo("testing");
        assertThat(d.mtaSts().mx()).containsExactly("*.testing.test");
        assertThat(status("testing.test", "DNS-MTA-STS")).isEqualTo(Status.PASS);
        assertThat(status("testing.test", "DNS-MTA-STS-ENFORCE")).isEqualTo(Status.FAIL);
    }

    @Test
    void mxPatternMismatch() {
        DomainFacts d = facts("mxmismatch.test");
        assertThat(d.mtaSts().status()).isEqualTo(MtaStsStatus.INVALID);
        assertThat(d.mtaSts().mode()).isEqualTo("enforce");
        assertThat(d.mtaSts().reason()).contains("mx.mxmismatch.test matches no mx pattern");
        assertThat(status("mxmismatch.test", "DNS-MTA-STS")).isEqualTo(Status.FAIL);
    }

    @Test
    void policyBehindARedirect() {
        DomainFacts d = facts("redirect.test");
        assertThat(d.mtaSts().status()).isEqualTo(MtaStsStatus.INVALID);
        assertThat(d.mtaSts().reason()).contains("HTTP 301").contains("not followed");
        assertThat(status("redirect.test", "DNS-MTA-STS")).isEqualTo(Status.FAIL);
    }

    @Test
    void wrongContentType() {
        assertThat(facts("ctype.test").mtaSts().status()).isEqualTo(MtaStsStatus.INVALID);
        assertThat(facts("ctype.test").mtaSts().reason()).contains("text/html");
        assertThat(status("ctype.test", "DNS-MTA-STS")).isEqualTo(Status.FAIL);
    }

    @Test
    void noTlsRptNoCaaNoMtaStsNoTlsa() {
        DomainFacts d = facts("bare.test");
        assertThat(d.tlsRpt().status()).isEqualTo(TlsRptStatus.ABSENT);
        assertThat(d.caa().known()).isTrue();
        assertThat(d.caa().records()).isEmpty();
        assertThat(d.provenanceOf("caa").raw()).contains("bare.test, test");
        assertThat(d.mtaSts().status()).isEqualTo(MtaStsStatus.ABSENT);
        assertThat(onlyMx("bare.test").tlsa().status()).isEqualTo(TlsaStatus.ABSENT);
        Map<String, Verdict> v = judge("bare.test");
        assertThat(v.get("DNS-TLSRPT").status()).isEqualTo(Status.FAIL);
        assertThat(v.get("DNS-CAA").status()).isEqualTo(Status.FAIL);
        assertThat(v.get("DNS-CAA-OR-DANE-AND-MTA-STS").status()).isEqualTo(Status.FAIL);
        assertThat(v.get("DNS-DNSSEC").status()).isEqualTo(Status.PASS);
    }

    @Test
    void nullMxIsReportedNotAnError() {
        DomainFacts d = facts("nullmx.test");
        assertThat(d.nullMx()).isTrue();
        assertThat(d.mx()).isEmpty();
        assertThat(d.dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(d.mtaSts().mode()).isEqualTo("none");
    }

    @Test
    void malformedTxtRecordsAreInvalidAndTheMxStillCollected() {
        DomainFacts d = facts("malformed.test");
        assertThat(d.mtaSts().status()).isEqualTo(MtaStsStatus.INVALID);
        assertThat(d.mtaSts().reason()).contains("malformed").contains("id=not valid!");
        assertThat(d.tlsRpt().status()).isEqualTo(TlsRptStatus.INVALID);
        assertThat(d.tlsRpt().reason()).contains("no rua");
        assertThat(scan("malformed.test").chains()).singleElement().satisfies(c -> assertThat(c.chain()).isNotEmpty());
        Map<String, Verdict> v = judge("malformed.test");
        assertThat(v.get("DNS-MTA-STS").status()).isEqualTo(Status.FAIL);
        assertThat(v.get("DNS-TLSRPT").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void oversizedAndNonUtf8PoliciesAreInvalid() {
        assertThat(facts("oversized.test").mtaSts().status()).isEqualTo(MtaStsStatus.INVALID);
        assertThat(facts("oversized.test").mtaSts().reason()).contains("larger than 65536 bytes");
        assertThat(facts("nonutf8.test").mtaSts().status()).isEqualTo(MtaStsStatus.INVALID);
        assertThat(facts("nonutf8.test").mtaSts().reason()).isEqualTo("policy is not valid UTF-8");
        assertThat(status("oversized.test", "DNS-MTA-STS")).isEqualTo(Status.FAIL);
        assertThat(status("nonutf8.test", "DNS-MTA-STS")).isEqualTo(Status.FAIL);
    }

    @Test
    void untrustedHttpsCertificateIsInvalid() {
        DomainFacts d = facts("untrusted.test");
        assertThat(d.mtaSts().status()).isEqualTo(MtaStsStatus.INVALID);
        assertThat(d.mtaSts().reason()).contains("certificate of mta-sts.untrusted.test not accepted");
        assertThat(status("untrusted.test", "DNS-MTA-STS")).isEqualTo(Status.FAIL);
        // The test CA is not the system's: without --ca even the valid policy host is untrusted.
        DomainSettings noCa = testbed.options();
        noCa.ca = null;
        try {
            DomainFacts good = DomainCollector.fromSettings(noCa).collect("good.test");
            assertThat(good.mtaSts().status()).isEqualTo(MtaStsStatus.INVALID);
            assertThat(good.mtaSts().reason()).contains("not accepted");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void servfailIsUnknownNotBogus() {
        DomainFacts d = facts("servfail.test");
        assertThat(d.dnssec()).isEqualTo(DnssecStatus.UNKNOWN);
        assertThat(d.mx()).isNull();
        assertThat(d.provenanceOf("mx").raw()).contains("SERVFAIL");
        assertThat(d.mtaSts().status()).isEqualTo(MtaStsStatus.UNKNOWN);
        assertThat(d.tlsRpt().status()).isEqualTo(TlsRptStatus.UNKNOWN);
        assertThat(d.caa().known()).isFalse();
    }

    @Test
    void aSilentResolverTimesOutToUnknown() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(testbed.env.get("DNS_TESTBED_ADDR")), 0))) {
            DomainSettings o = testbed.options();
            o.resolver = testbed.env.get("DNS_TESTBED_ADDR") + ":" + silent.getLocalPort();
            o.dnsTimeoutSeconds = 1;
            long start = System.nanoTime();
            DomainFacts d = DomainCollector.fromSettings(o).collect("good.test");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(d.dnssec()).isEqualTo(DnssecStatus.UNKNOWN);
            assertThat(d.mx()).isNull();
            assertThat(d.provenanceOf("dnssec").raw()).contains("timed out");
            assertThat(d.mtaSts().status()).isEqualTo(MtaStsStatus.UNKNOWN);
            assertThat(d.tlsRpt().status()).isEqualTo(TlsRptStatus.UNKNOWN);
            assertThat(d.caa().known()).isFalse();
            assertThat(millis).as("a dead resolver must not hang the run").isLessThan(30_000);
            System.out.println("dns-testbed: silent resolver, good.test collected in " + millis + " ms");
        }
    }

    @Test
    void nothingBrokenPasses() {
        Map<String, String> broken = Map.of("mismatch.test", "DNS-DANE", "unsigned.test", "DNS-DNSSEC", "bogus.test", "DNS-DNSSEC",
                "mxmismatch.test", "DNS-MTA-STS", "redirect.test", "DNS-MTA-STS", "ctype.test", "DNS-MTA-STS",
                "malformed.test", "DNS-TLSRPT", "oversized.test", "DNS-MTA-STS", "nonutf8.test", "DNS-MTA-STS",
                "untrusted.test", "DNS-MTA-STS");
        List<String> passed = new ArrayList<>();
        broken.forEach((domain, criterion) -> {
            if (status(domain, criterion) == Status.PASS) {
                passed.add(domain + " " + criterion);
            }
        });
        assertThat(passed).isEmpty();
    }

    @Test
    void scanDomainWritesAFactsFileThatEvaluateJudges() throws Exception {
        Path out = dir.resolve("good.json");
        DomainSettings o = testbed.options();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute("scan-domain", "good.test", "--domain", "mismatch.test", "--resolver", o.resolver,
                "--trust-anchor", o.trustAnchor.toString(), "--ca", o.ca.toString(), "--mx-port", String.valueOf(o.mxPort),
                "--dns-timeout", "2", "-o", out.toString());
        assertThat(rc).as(err.toString()).isZero();
        FactsDocument doc = FactsCodec.read(out, "good.json");
        assertThat(doc.domains()).extracting(DomainFacts::domain).containsExactly("good.test", "mismatch.test");
        assertThat(doc.endpoints()).extracting(e -> e.endpoint().host()).containsExactly("mx.good.test", "mx.mismatch.test");
        assertThat(doc.endpoints().get(0).certificates()).isNotEmpty();
        assertThat(doc.endpoints().get(0).certificates().get(0).hostnameMatch().toString()).isEqualTo("yes");
        assertThat(doc.endpoints().get(0).certificates().get(0).trusted().toString()).isEqualTo("yes");
        StringWriter report = new StringWriter();
        CommandLine eval = Main.commandLine();
        eval.setOut(new PrintWriter(report));
        int verdict = eval.execute("evaluate", out.toString(), "--policy", "rules/mail-dns");
        assertThat(verdict).as(report.toString()).isEqualTo(1);
        assertThat(report.toString()).contains("DNS-DANE").contains("no TLSA record of mx.mismatch.test matches");
        assertThat(Files.readString(out)).contains("\"domains\"");
    }

    @Test
    void scanDomainScansEachMxWithTheNativeProberAtTheResolvedAddress() throws Exception {
        Path out = dir.resolve("scan-domain.json");
        DomainSettings o = testbed.options();
        StringWriter err = new StringWriter();
        StringWriter report = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(report));
        int rc = cl.execute("scan", "--domain", "good.test", "--domain", "mismatch.test", "--resolver", o.resolver,
                "--trust-anchor", o.trustAnchor.toString(), "--ca", o.ca.toString(), "--mx-port", String.valueOf(o.mxPort),
                "--dns-timeout", "2", "--quiet", "-o", out.toString(), "--policy", "rules/mail-dns");
        // mismatch.test's TLSA pins another key: DNS-DANE fails there, so the run exits 1.
        assertThat(rc).as(err + "\n" + report).isEqualTo(1);
        FactsDocument doc = FactsCodec.read(out, "scan-domain.json");
        assertThat(doc.domains()).extracting(DomainFacts::domain).containsExactly("good.test", "mismatch.test");
        assertThat(doc.endpoints()).extracting(e -> e.endpoint().host()).containsExactly("mx.good.test", "mx.mismatch.test");
        EndpointFacts good = doc.endpoints().get(0);
        // Facts of the native prober, made at the address the test resolver gave, not a system lookup.
        assertThat(good.source().collector()).isEqualTo("native");
        assertThat(good.endpoint().ip()).isEqualTo(doc.domains().get(0).mx().get(0).addresses().get(0));
        assertThat(good.endpoint().port()).isEqualTo(o.mxPort);
        assertThat(good.protocols()).isNotEmpty();
        assertThat(good.ciphers()).isNotEmpty();
        assertThat(good.certificates().get(0).hostnameMatch().toString()).isEqualTo("yes");
        assertThat(good.certificates().get(0).trusted().toString()).isEqualTo("yes");
        // The DANE check matched the chain the prober read.
        assertThat(doc.domains().get(0).mx().get(0).tlsa().status()).isEqualTo(TlsaStatus.MATCH);
        assertThat(doc.domains().get(1).mx().get(0).tlsa().status()).isEqualTo(TlsaStatus.MISMATCH);
        assertThat(report.toString()).contains("DNS-DANE").contains("no TLSA record of mx.mismatch.test matches");
        assertThat(err.toString()).contains("mx.good.test:" + o.mxPort + ": native, ").contains(" connections");
    }

    @Test
    void scanDomainWithAnExternalRunnerScansTheResolvedAddressAndStillMatchesDane() throws Exception {
        Path out = dir.resolve("scan-domain-sslscan.json");
        DomainSettings o = testbed.options();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute("scan", "--runner", "sslscan", "--domain", "good.test", "--resolver", o.resolver,
                "--trust-anchor", o.trustAnchor.toString(), "--ca", o.ca.toString(), "--mx-port", String.valueOf(o.mxPort),
                "--dns-timeout", "2", "--quiet", "-o", out.toString());
        assertThat(rc).as(err.toString()).isZero();
        FactsDocument doc = FactsCodec.read(out, "scan-domain-sslscan.json");
        EndpointFacts mx = doc.endpoints().get(0);
        assertThat(mx.source().collector()).isEqualTo("sslscan");
        assertThat(mx.endpoint().host()).isEqualTo("mx.good.test");
        assertThat(mx.protocols()).isNotEmpty();
        // sslscan keeps no certificate bytes, so one STARTTLS capture supplied the chain DANE matched.
        assertThat(doc.domains().get(0).mx().get(0).tlsa().status()).isEqualTo(TlsaStatus.MATCH);
    }
}
