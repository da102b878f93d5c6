package org.tlsverdict.collect.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsverdict.facts.Certificate;
import org.tlsverdict.facts.TriState;

class CertificateFactsTest {

    @TempDir
    Path tmp;

    @Test
    void rsaLeafUnderACaIsTrustedWithThatCaOnly() throws Exception {
        TestCerts.Issued ca = TestCerts.ca("Test CA");
        TestCerts.Issued leaf = TestCerts.leaf("mail.example", ca, TestCerts.rsa(3072), "SHA384withRSA",
                Instant.parse("2030-01-01T00:00:00Z"), new GeneralName(GeneralName.dNSName, "mail.example"),
                new GeneralName(GeneralName.iPAddress, "192.0.2.7"));
        Path caFile = pem(ca);
        List<Certificate> chain = CertificateFacts.of(List.of(leaf.der(), ca.der()), "mail.example", ChainValidator.fromFile(caFile), "test");
        Certificate c = chain.get(0);
        assertThat(c.position()).isZero();
        assertThat(c.subject()).isEqualTo("CN=mail.example");
        assertThat(c.issuer()).isEqualTo("CN=Test CA");
        assertThat(c.keyType()).isEqualTo("RSA");
        assertThat(c.keyBits()).isEqualTo(3072);
        assertThat(c.signatureAlgorithm()).isEqualTo("sha384WithRSAEncryption");
        assertThat(c.notAfter()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(c.subjectAltNames()).containsExactly("mail.example", "192.0.2.7");
        assertThat(c.trusted()).isEqualTo(TriState.YES);
        assertThat(c.hostnameMatch()).isEqualTo(TriState.YES);
        assertThat(c.provenance().collector()).isEqualTo("native");
        assertThat(chain.get(1).trusted()).isEqualTo(TriState.UNKNOWN);

        Path otherCa = pem(TestCerts.ca("Other CA"));
        assertThat(CertificateFacts.of(List.of(leaf.der()), "mail.example", ChainValidator.fromFile(otherCa), "t").get(0).trusted())
                .isEqualTo(TriState.NO);
        assertThat(CertificateFacts.of(List.of(leaf.der()), "192.0.2.7", null, "t").get(0).hostnameMatch()).isEqualTo(TriState.YES);
        assertThat(CertificateFacts.of(List.of(leaf.der()), "other.example", null, "t").get(0).hostnameMatch()).isEqualTo(TriState.NO);
    }

    @Test
    void expiredLeafStillChainsTheExpiryIsForThePolicy() throws Exception {
        TestCerts.Issued ca = TestCerts.ca("Test CA");
        TestCerts.Issued leaf = TestCerts.leaf("old.example", ca, TestCerts.rsa(2048), "SHA256withRSA",
                Instant.now().minusSeconds(60), new GeneralName(GeneralName.dNSName, "old.example"));
        Certificate c = CertificateFacts.of(List.of(leaf.der()), "old.example", ChainValidator.fromFile(pem(ca)), "t").get(0);
        assertThat(c.trusted()).isEqualTo(TriState.YES);
        assertThat(c.notAfter()).isBefore(Instant.now());
    }

    @Test
    void ecKeysNameTheirCurveAndWildcardsCoverOneLabel() throws Exception {
        TestCerts.Issued leaf = TestCerts.leaf("ec.example", null, TestCerts.ec("secp384r1"), "SHA256withECDSA",
                Instant.parse("2030-01-01T00:00:00Z"), new GeneralName(GeneralName.dNSName, "*.example.org"));
        Certificate c = CertificateFacts.of(List.of(leaf.der()), "mx.example.org", null, "t").get(0);
        assertThat(c.keyType()).isEqualTo("EC");
        assertThat(c.curve()).isEqualTo("secp384r1");
        assertThat(c.keyBits()).isEqualTo(384);
        assertThat(c.signatureAlgorithm()).isEqualTo("ecdsa-with-SHA256");
        assertThat(c.hostnameMatch()).isEqualTo(TriState.YES);
        assertThat(CertificateFacts.of(List.of(leaf.der()), "a.mx.example.org", null, "t").get(0).hostnameMatch()).isEqualTo(TriState.NO);
        assertThat(CertificateFacts.of(List.of(leaf.der()), "example.org", null, "t").get(0).hostnameMatch()).isEqualTo(TriState.NO);
    }

    @Test
    void commonNameCountsOnlyWithoutDnsNamesAndGarbageStaysUnknown() throws Exception {
        TestCerts.Issued noSan = TestCerts.leaf("legacy.example", null, TestCerts.rsa(1024), "SHA1withRSA", Instant.parse("2030-01-01T00:00:00Z"));
        Certificate c = CertificateFacts.of(List.of(noSan.der()), "legacy.example", null, "t").get(0);
        assertThat(c.hostnameMatch()).isEqualTo(TriState.YES);
        assertThat(c.keyBits()).isEqualTo(1024);
        assertThat(c.signatureAlgorithm()).isEqualTo("sha1WithRSAEncryption");
        Certificate junk = CertificateFacts.of(List.of(new byte[] {0x30, 0x03, 1, 2, 3}), "x", null, "t").get(0);
        assertThat(junk.keyType()).isNull();
        assertThat(junk.trusted()).isEqualTo(TriState.UNKNOWN);
        assertThat(junk.provenance().raw()).contains("unparsable");
    }

    private Path pem(TestCerts.Issued cert) throws Exception {
        Path p = Files.createTempFile(tmp, "ca", ".pem");
        Files.writeString(p, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(cert.der())
                + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
        return p;
    }
}
