package org.tlsverdict.collect.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.DnssecStatus;
import org.tlsverdict.facts.Tlsa;
import org.tlsverdict.facts.TlsaRecord;
import org.tlsverdict.facts.TlsaStatus;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;

class TlsaMatcherTest {

    static TestCertificates.Issued ca;
    static TestCertificates.Issued leaf;
    static TestCertificates.Issued stranger;
    static List<byte[]> chain;

    @BeforeAll
    static void certificates() throws Exception {
        ca = TestCertificates.ca("Test CA");
        leaf = TestCertificates.leaf("mx.example.test", ca, "Test CA", "mx.example.test");
        stranger = TestCertificates.ca("Other CA");
        chain = List.of(leaf.der(), ca.der());
    }

    static String hex(String alg, byte[] data) throws Exception {
        return HexFormat.of().formatHex(alg == null ? data : MessageDigest.getInstance(alg).digest(data));
    }

    static byte[] spki(byte[] der) throws Exception {
        X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        return c.getPublicKey().getEncoded();
    }

    @Test
    void daneEeMatchesTheLeafWithEverySelectorAndMatchingType() throws Exception {
        for (int selector : new int[] {0, 1}) {
            byte[] selected = selector == 0 ? leaf.der() : spki(leaf.der());
            String[] data = {hex(null, selected), hex("SHA-256", selected), hex("SHA-512", selected)};
            for (int type = 0; type < 3; type++) {
                TlsaRecord r = new TlsaRecord(3, selector, type, data[type]);
                assertThat(TlsaMatcher.match(List.of(r), chain, "mx.example.test")).as(r.toString()).contains(r);
                // DANE-EE ignores names (RFC 7672 section 3.1.1).
                assertThat(TlsaMatcher.match(List.of(r), chain, "other.test")).as(r.toString()).contains(r);
            }
        }
    }

    @Test
    void daneEeDoesNotMatchTheIssuerOrAnotherKey() throws Exception {
        TlsaRecord issuer = new TlsaRecord(3, 1, 1, hex("SHA-256", spki(ca.der())));
        TlsaRecord other = new TlsaRecord(3, 1, 1, hex("SHA-256", spki(stranger.der())));
        assertThat(TlsaMatcher.match(List.of(issuer, other), chain, "mx.example.test")).isEmpty();
    }

    @Test
    void daneTaMatchesTheIssuerInTheChainAndChecksTheName() throws Exception {
        TlsaRecord ta = new TlsaRecord(2, 0, 1, hex("SHA-256", ca.der()));
        assertThat(TlsaMatcher.match(List.of(ta), chain, "mx.example.test")).contains(ta);
        assertThat(TlsaMatcher.match(List.of(ta), chain, "mx.other.test")).isEmpty();
        // A TA record naming the leaf itself is not a trust anchor above it.
        TlsaRecord leafAsTa = new TlsaRecord(2, 0, 1, hex("SHA-256", leaf.der()));
        assertThat(TlsaMatcher.match(List.of(leafAsTa), chain, "mx.example.test")).isEmpty();
        // The chain must verify from the anchor down: a stranger CA in the chain is no anchor for this leaf.
        TlsaRecord strangerTa = new TlsaRecord(2, 0, 1, hex("SHA-256", stranger.der()));
        assertThat(TlsaMatcher.match(List.of(strangerTa), List.of(leaf.der(), stranger.der()), "mx.example.test")).isEmpty();
    }

    @Test
    void pkixUsagesAndBadParametersAreUnusable() {
        assertThat(TlsaMatcher.unusableBecause(new TlsaRecord(1, 1, 1, "00".repeat(32)))).contains("PKIX");
        assertThat(TlsaMatcher.unusableBecause(new TlsaRecord(0, 1, 1, "00".repeat(32)))).contains("PKIX");
        assertThat(TlsaMatcher.unusableBecause(new TlsaRecord(3, 2, 1, "00".repeat(32)))).contains("selector 2");
        assertThat(TlsaMatcher.unusableBecause(new TlsaRecord(3, 1, 3, "00".repeat(32)))).contains("matching type 3");
        assertThat(TlsaMatcher.unusableBecause(new TlsaRecord(3, 1, 1, "00".repeat(20)))).contains("SHA-256");
        assertThat(TlsaMatcher.unusableBecause(new TlsaRecord(3, 1, 2, "00".repeat(32)))).contains("SHA-512");
        assertThat(TlsaMatcher.unusableBecause(new TlsaRecord(3, 1, 1, "00".repeat(32)))).isNull();
    }

    private static DnsAnswer answer(DnssecStatus status, TlsaRecord... records) throws Exception {
        Name owner = Name.fromString("_25._tcp.mx.example.test.");
        List<org.xbill.DNS.Record> rs = new java.util.ArrayList<>();
        for (TlsaRecord r : records) {
            rs.add(new TLSARecord(owner, DClass.IN, 300, r.usage(), r.selector(), r.matchingType(), HexFormat.of().parseHex(r.data())));
        }
        return new DnsAnswer("_25._tcp.mx.example.test. TLSA", 0, status, rs, null);
    }

    @Test
    void checkGivesTheStatusOfTheIssue() throws Exception {
        TlsaRecord good = new TlsaRecord(3, 1, 1, hex("SHA-256", spki(leaf.der())));
        TlsaRecord bad = new TlsaRecord(3, 1, 1, hex("SHA-256", spki(stranger.der())));
        Tlsa match = TlsaCheck.check(answer(DnssecStatus.SECURE, bad, good), "mx.example.test", chain, null);
        assertThat(match.status()).isEqualTo(TlsaStatus.MATCH);
        assertThat(match.matched()).isEqualTo(good);
        assertThat(match.records()).hasSize(2);
        assertThat(TlsaCheck.check(answer(DnssecStatus.SECURE, bad), "mx.example.test", chain, null).status())
                .isEqualTo(TlsaStatus.MISMATCH);
        Tlsa insecure = TlsaCheck.check(answer(DnssecStatus.INSECURE, good), "mx.example.test", chain, null);
        assertThat(insecure.status()).isEqualTo(TlsaStatus.UNUSABLE);
        assertThat(insecure.reason()).contains("not DNSSEC-signed");
        assertThat(TlsaCheck.check(answer(DnssecStatus.SECURE, new TlsaRecord(1, 1, 1, good.data())), "mx.example.test", chain, null)
                .status()).isEqualTo(TlsaStatus.UNUSABLE);
        assertThat(TlsaCheck.check(answer(DnssecStatus.SECURE), "mx.example.test", chain, null).status()).isEqualTo(TlsaStatus.ABSENT);
        Tlsa noChain = TlsaCheck.check(answer(DnssecStatus.SECURE, good), "mx.example.test", null, "connection refused");
        assertThat(noChain.status()).isEqualTo(TlsaStatus.UNKNOWN);
        assertThat(noChain.reason()).contains("connection refused");
        DnsAnswer failed = new DnsAnswer("q", 2, DnssecStatus.UNKNOWN, null, "SERVFAIL");
        assertThat(TlsaCheck.check(failed, "mx.example.test", chain, null).status()).isEqualTo(TlsaStatus.UNKNOWN);
        DnsAnswer bogus = new DnsAnswer("q", 2, DnssecStatus.BOGUS, null, "DNSSEC bogus: signature invalid");
        assertThat(TlsaCheck.check(bogus, "mx.example.test", chain, null).status()).isEqualTo(TlsaStatus.UNUSABLE);
    }
}
