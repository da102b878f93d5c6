package org.tlsverdict.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.CipherSuite;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.PolicyManifest;
import org.tlsverdict.policy.RuleCompiler;

/**
 * ncsc-nl-2025-05 against internet.nl's own implementation of the NCSC tables
 * (fixtures/authorities/internet.nl/classification.tsv, read by hand from its source): every
 * TLS 1.2 suite in the IANA registry, every TLS 1.3 suite, each curve and protocol internet.nl
 * lists (and some it does not), one at a time on an otherwise good endpoint. internet.nl's good and
 * sufficient must PASS, phase out WARN, anything unlisted FAIL, or the difference must be recorded
 * in rules/ncsc-nl-2025-05/policy.yaml with the source that decides it.
 */
class InternetNlComparisonTest {

    private static final String AUTHORITY = "internet.nl";
    private static final Path POLICY = Path.of("rules/ncsc-nl-2025-05");
    private static final Path TABLE = Path.of("fixtures/authorities/internet.nl/classification.tsv");
    private static final List<String> UNLISTED_CURVES = List.of("secp192r1", "sect571r1", "secp256k1");
    private static Evaluator evaluator;
    private static PolicyManifest manifest;
    private static final Map<String, Map<String, String>> TABLES = new TreeMap<>();

    @BeforeAll
    static void load() throws Exception {
        var policy = PolicyLoader.load(POLICY);
        manifest = policy.manifest();
        evaluator = new Evaluator(RuleCompiler.withoutCache().compile(policy), CipherRegistry.standard(), OneAtATime.AT);
        for (String line : Files.readAllLines(TABLE, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.split("\t");
                TABLES.computeIfAbsent(f[0], k -> new TreeMap<>()).put(f[1], f[2]);
            }
        }
    }

    /** One thing judged: what internet.nl calls it and what the policy's criterion says. */
    private record Compared(String kind, String name, String criterion, String theirs, String ours) {
        String expected() {
            return switch (theirs) {
                case "good", "sufficient" -> "PASS";
                case "phase-out" -> "WARN";
                default -> "FAIL";
            };
        }

        @Override
        public String toString() {
            return kind + " " + name + ": " + criterion + " ours " + ours + ", internet.nl " + theirs;
        }
    }

    @Test
    void everyDifferenceFromInternetNlIsRecordedWithTheSourceThatDecides() throws Exception {
        List<Compared> all = new ArrayList<>();
        Map<String, String> suites = TABLES.get("suite");
        for (CipherSuite s : OneAtATime.suites()) {
            all.add(judge("suite", s.iana(), "NCSC-SUITES", suites.getOrDefault(s.iana(), "insufficient"),
                    suiteEndpoint(OneAtATime.tls13(s) ? "TLSv1.3" : "TLSv1.2", s.iana())));
        }
        Map<String, String> curves = new TreeMap<>(TABLES.get("ecdhe-curve"));
        UNLISTED_CURVES.forEach(c -> curves.putIfAbsent(c, "insufficient"));
        curves.forEach((c, cls) -> all.add(judge("ecdhe-curve", c, "NCSC-CURVES", cls,
                OneAtATime.protocols("TLSv1.2") + "    ciphers:\n      TLSv1.2:\n      - {iana: TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, group: " + c + "}\n"
                        + "    groups: {TLSv1.2: [" + c + "]}\n" + CERT)));
        Map<String, String> certCurves = new TreeMap<>(TABLES.get("certificate-curve"));
        UNLISTED_CURVES.forEach(c -> certCurves.putIfAbsent(c, "insufficient"));
        certCurves.forEach((c, cls) -> all.add(judge("certificate-curve", c, "NCSC-CERT-KEY", cls,
                GOOD_SUITE + "    certificates: [{subject: CN=mx.example, keyType: EC, curve: " + c + ", signatureAlgorithm: ecdsa-with-SHA256}]\n")));
        TABLES.get("certificate-rsa-bits").forEach((bits, cls) -> all.add(judge("certificate-rsa-bits", bits, "NCSC-CERT-KEY", cls,
                GOOD_SUITE + "    certificates: [{subject: CN=mx.example, keyType: RSA, keyBits: " + bits + ", signatureAlgorithm: sha256WithRSAEncryption}]\n")));
        TABLES.get("protocol").forEach((v, cls) -> all.add(judge("protocol", v, "NCSC-VERSION", cls, OneAtATime.protocols(v))));

        List<Compared> unexplained = new ArrayList<>();
        Set<PolicyManifest.Difference> seen = new LinkedHashSet<>();
        int agreements = 0;
        for (Compared c : all) {
            if (c.expected().equals(c.ours)) {
                agreements++;
                continue;
            }
            PolicyManifest.Difference d = recorded(c);
            if (d == null) {
                unexplained.add(c);
            } else {
                seen.add(d);
            }
        }
        System.out.printf("internet.nl vs ncsc-nl-2025-05: %d compared, %d agree, %d recorded differences%n", all.size(), agreements, seen.size());
        assertThat(all.stream().filter(c -> c.kind.equals("suite"))).as("suites compared").hasSizeGreaterThan(250);
        assertThat(unexplained).as("differences from internet.nl not recorded in %s/policy.yaml", POLICY).isEmpty();
        assertThat(manifest.differences().stream().filter(d -> AUTHORITY.equals(d.authority()) && !seen.contains(d)).toList())
                .as("recorded differences from internet.nl that no comparison shows").isEmpty();
    }

    private static final String CERT = "    certificates: [{subject: CN=mx.example, keyType: EC, curve: secp256r1, signatureAlgorithm: ecdsa-with-SHA256}]\n";
    private static final String GOOD_SUITE = OneAtATime.protocols("TLSv1.3") + "    ciphers:\n      TLSv1.3:\n      - {iana: TLS_AES_256_GCM_SHA384, group: x25519}\n";

    private static String suiteEndpoint(String version, String iana) {
        return OneAtATime.protocols(version) + "    ciphers:\n      " + version + ":\n      - {iana: " + iana + "}\n" + CERT;
    }

    /** A difference matches a record by kind and name ({@code theirs} is {@code kind name: class}). */
    private static PolicyManifest.Difference recorded(Compared c) {
        for (PolicyManifest.Difference d : manifest.differences()) {
            if (AUTHORITY.equals(d.authority()) && c.criterion.equals(d.criterion()) && c.ours.equals(d.ours())
                    && (c.kind + " " + c.name + ": " + c.theirs).matches(d.theirs())) {
                return d;
            }
        }
        return null;
    }

    private static Compared judge(String kind, String name, String criterion, String theirs, String endpointBody) {
        return new Compared(kind, name, criterion, theirs, OneAtATime.status(evaluator, "mx.example", kind + " " + name, criterion, endpointBody));
    }
}
