package org.tlsverdict.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.CipherSuite;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.Evaluator;
import org.tlsverdict.policy.PolicyLoader;
import org.tlsverdict.policy.PolicyManifest;
import org.tlsverdict.policy.RuleCompiler;

/**
 * Each Mozilla policy against Mozilla's own guideline file for its profile and version
 * (fixtures/authorities/mozilla): every TLS 1.2 suite of the IANA registry and every TLS 1.3
 * suite, each protocol version, key-exchange group, certificate type and curve, RSA size and
 * certificate signature, one at a time on an otherwise conforming endpoint. What the file lists
 * must PASS its criterion and what it does not must FAIL, unless the difference is recorded in the
 * policy's policy.yaml with the source that decides it.
 */
class MozillaGuidelinesComparisonTest {

    private static final String AUTHORITY = "Mozilla guidelines";
    private static final List<String> GROUPS = List.of("x25519", "prime256v1", "secp384r1", "secp521r1", "x448", "X25519MLKEM768", "ffdhe2048");

    /** One thing judged: whether Mozilla's file lists it, and what the policy's criterion says. */
    private record Compared(String kind, String name, String criterion, boolean listed, String ours) {
        @Override
        public String toString() {
            return kind + " " + name + ": " + criterion + " ours " + ours + ", Mozilla " + (listed ? "listed" : "not listed");
        }
    }

    @ParameterizedTest
    @CsvSource({"mozilla-intermediate-5.7, 5.7, intermediate", "mozilla-intermediate-6.0, 6.0, intermediate",
                "mozilla-modern-5.7, 5.7, modern", "mozilla-modern-6.0, 6.0, modern"})
    void everyDifferenceFromMozillasGuidelinesIsRecorded(String policyId, String version, String profile) throws Exception {
        var policy = PolicyLoader.load(Path.of("rules", policyId));
        PolicyManifest manifest = policy.manifest();
        CompiledPolicy compiled = RuleCompiler.withoutCache().compile(policy);
        JsonNode c = new ObjectMapper().readTree(Path.of("fixtures/authorities/mozilla", version + ".json.orig").toFile())
                .path("configurations").path(profile);
        Set<String> suites12 = strings(c.path("ciphers").path("iana"));
        Set<String> suites13 = strings(c.path("ciphersuites"));
        Set<String> versions = strings(c.path("tls_versions"));
        Set<String> groups = lower(strings(c.path("tls_curves")));
        Set<String> types = strings(c.path("certificate_types"));
        Set<String> curves = strings(c.path("certificate_curves"));
        Set<String> sigs = strings(c.path("certificate_signatures"));
        int rsaBits = c.path("rsa_key_size").asInt(0);
        String best13 = suites13.iterator().next();
        String good = versions.contains("TLSv1.2") && !suites12.isEmpty()
                ? OneAtATime.protocols("TLSv1.2") + "    ciphers:\n      TLSv1.2:\n      - {iana: " + suites12.iterator().next() + ", group: x25519}\n"
                : OneAtATime.protocols("TLSv1.3") + "    ciphers:\n      TLSv1.3:\n      - {iana: " + best13 + ", group: x25519}\n";
        String goodCert = types.contains("ecdsa")
                ? cert("EC", 256, "prime256v1", "ecdsa-with-SHA256") : cert("RSA", 2048, null, "sha256WithRSAEncryption");

        List<Compared> all = new ArrayList<>();
        Evaluator evaluator = new Evaluator(compiled, CipherRegistry.standard(), OneAtATime.AT);
        for (CipherSuite s : OneAtATime.suites()) {
            boolean tls13 = OneAtATime.tls13(s);
            String v = tls13 ? "TLSv1.3" : "TLSv1.2";
            String dh = s.iana().startsWith("TLS_DHE_") ? ", dhBits: 4096" : s.iana().startsWith("TLS_ECDHE_") ? ", group: x25519" : "";
            all.add(judge(evaluator, "suite", s.iana(), "MOZ-SUITES", (tls13 ? suites13 : suites12).contains(s.iana()),
                    OneAtATime.protocols(v) + "    ciphers:\n      " + v + ":\n      - {iana: " + s.iana() + dh + "}\n" + goodCert));
        }
        for (String v : List.of("SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3")) {
            all.add(judge(evaluator, "version", v, "MOZ-VERSIONS", versions.contains(v), OneAtATime.protocols(v) + goodCert));
        }
        for (String g : GROUPS) {
            all.add(judge(evaluator, "group", g, "MOZ-CURVES", groups.contains(g.toLowerCase()),
                    OneAtATime.protocols("TLSv1.3") + "    ciphers:\n      TLSv1.3:\n      - {iana: " + best13 + ", group: x25519}\n"
                            + "    groups: {TLSv1.3: [" + g + "]}\n" + goodCert));
        }
        for (String curve : List.of("prime256v1", "secp384r1", "secp521r1")) {
            all.add(judge(evaluator, "certificate-curve", curve, "MOZ-CERT-TYPE", types.contains("ecdsa") && curves.contains(curve),
                    good + cert("EC", curve.equals("prime256v1") ? 256 : curve.equals("secp384r1") ? 384 : 521, curve, "ecdsa-with-SHA256")));
        }
        for (int bits : List.of(1024, 2048, 4096)) {
            all.add(judge(evaluator, "certificate-rsa", String.valueOf(bits), "MOZ-CERT-TYPE", types.contains("rsa") && bits >= rsaBits,
                    good + cert("RSA", bits, null, "sha256WithRSAEncryption")));
        }
        for (String sig : List.of("sha256WithRSAEncryption", "sha1WithRSAEncryption", "ecdsa-with-SHA256", "ecdsa-with-SHA384", "ecdsa-with-SHA512")) {
            boolean rsa = sig.contains("RSA");
            all.add(judge(evaluator, "certificate-signature", sig, "MOZ-CERT-SIG", sigs.contains(sig),
                    good + cert(rsa ? "RSA" : "EC", rsa ? 2048 : 256, rsa ? null : "prime256v1", sig)));
        }

        List<Compared> unexplained = new ArrayList<>();
        Set<PolicyManifest.Difference> seen = new HashSet<>();
        for (Compared x : all) {
            if (x.ours.equals(x.listed ? "PASS" : "FAIL")) {
                continue;
            }
            PolicyManifest.Difference d = manifest.differences().stream()
                    .filter(r -> AUTHORITY.equals(r.authority()) && x.criterion.equals(r.criterion()) && x.ours.equals(r.ours())
                            && (x.kind + " " + x.name).matches(r.theirs()))
                    .findFirst().orElse(null);
            if (d == null) {
                unexplained.add(x);
            } else {
                seen.add(d);
            }
        }
        System.out.printf("Mozilla %s %s vs %s: %d compared, %d recorded differences%n", profile, version, policyId, all.size(), seen.size());
        assertThat(all.stream().filter(x -> x.kind.equals("suite"))).hasSizeGreaterThan(250);
        assertThat(unexplained).as("differences from Mozilla's %s %s not recorded in rules/%s/policy.yaml", profile, version, policyId).isEmpty();
        assertThat(manifest.differences().stream().filter(d -> AUTHORITY.equals(d.authority()) && !seen.contains(d)).toList())
                .as("recorded differences from Mozilla's guidelines that no comparison shows").isEmpty();
    }

    private static String cert(String type, int bits, String curve, String sig) {
        return "    certificates: [{subject: CN=www.example, keyType: " + type + ", keyBits: " + bits + (curve == null ? "" : ", curve: " + curve)
                + ", signatureAlgorithm: " + sig + ", notBefore: '2025-12-01T00:00:00Z', notAfter: '2026-02-01T00:00:00Z'}]\n";
    }

    private static Compared judge(Evaluator evaluator, String kind, String name, String criterion, boolean listed, String body) {
        return new Compared(kind, name, criterion, listed, OneAtATime.status(evaluator, "www.example", kind + " " + name, criterion, body));
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new java.util.LinkedHashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Set<String> lower(Set<String> in) {
        Set<String> out = new java.util.LinkedHashSet<>();
        in.forEach(s -> out.add(s.toLowerCase()));
        return out;
    }
}
