package org.tlsverdict.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsverdict.tools.CipherRegistryGenerator;

class CipherRegistryTest {

    private final CipherRegistry registry = CipherRegistry.standard();

    @Test
    void coversEveryIanaSuiteBouncyCastleKnows() throws Exception {
        for (var f : org.bouncycastle.tls.CipherSuite.class.getFields()) {
            String name = f.getName();
            if (name.startsWith("TLS_") && !name.endsWith("_SCSV") && f.getType() == int.class) {
                assertThat(registry.byCode(f.getInt(null))).as(name).isPresent();
            }
        }
        assertThat(registry.all()).hasSizeGreaterThan(340);
    }

    @Test
    void looksUpByCodeIanaOpensslAndNmapSpelling() {
        CipherSuite gcm = registry.byIana("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").orElseThrow();
        assertThat(gcm.code()).isEqualTo(0xC02F);
        assertThat(gcm.openssl()).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        assertThat(registry.byOpenssl("ECDHE-RSA-AES128-GCM-SHA256")).contains(gcm);
        assertThat(registry.lookup("0xC0,0x2F")).contains(gcm);
        assertThat(registry.byIana("TLS_AKE_WITH_AES_256_GCM_SHA384").orElseThrow().iana()).isEqualTo("TLS_AES_256_GCM_SHA384");
        assertThat(registry.byIana("SSL_RSA_WITH_3DES_EDE_CBC_SHA").orElseThrow().code()).isEqualTo(0x000A);
        assertThat(registry.lookup("TLS_NOT_A_SUITE")).isEmpty();
    }

    @Test
    void attributesFollowTheSuiteStructure() {
        CipherSuite tls13 = registry.byCode(0x1301).orElseThrow();
        assertThat(tls13.tls13()).isTrue();
        assertThat(tls13.aead()).isTrue();
        assertThat(tls13.forwardSecret()).isTrue();

        CipherSuite rsa3des = registry.byCode(0x000A).orElseThrow();
        assertThat(rsa3des.keyExchange()).isEqualTo("RSA");
        assertThat(rsa3des.cipher()).isEqualTo("3DES_EDE_CBC");
        assertThat(rsa3des.forwardSecret()).isFalse();
        assertThat(rsa3des.aead()).isFalse();

        CipherSuite export = registry.byOpenssl("EXP-RC4-MD5").orElseThrow();
        assertThat(export.export()).isTrue();
        assertThat(export.bits()).isEqualTo(40);
        assertThat(export.mac()).isEqualTo("MD5");

        CipherSuite anon = registry.byIana("TLS_DH_anon_WITH_AES_128_CBC_SHA").orElseThrow();
        assertThat(anon.authentication()).isEqualTo("ANON");

        CipherSuite dhePsk = registry.byIana("TLS_PSK_DHE_WITH_AES_128_CCM_8").orElseThrow();
        assertThat(dhePsk.keyExchange()).isEqualTo("DHE_PSK");
        assertThat(dhePsk.forwardSecret()).isTrue();
    }

    @Test
    void parsesEveryCodeSpelling() {
        assertThat(CipherRegistry.parseCode("0xC0,0x2F")).contains(0xC02F);
        assertThat(CipherRegistry.parseCode("xc02f")).contains(0xC02F);
        assertThat(CipherRegistry.parseCode("C02F")).contains(0xC02F);
        assertThat(CipherRegistry.parseCode("0x0300C0")).isEmpty();
        assertThat(CipherRegistry.parseCode("zz")).isEmpty();
    }

    /** The checked-in data file is what the generator makes from the sources on this machine. */
    @Test
    void dataFileIsCurrentWithItsSources() throws Exception {
        Path testssl = Path.of("/etc/testssl/cipher-mapping.txt");
        Path nmap = Path.of("/usr/share/nmap/nselib/tls.lua");
        assumeTrue(Files.isReadable(testssl) && Files.isReadable(nmap), "testssl.sh and nmap are not installed");
        CipherRegistryGenerator g = new CipherRegistryGenerator();
        List<CipherSuite> generated = g.generate(Files.readAllLines(testssl), Files.readAllLines(nmap), List.of());
        String checkedIn = new String(CipherRegistry.class.getResourceAsStream(CipherRegistry.RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
        // OpenSSL names are the one input that depends on the local OpenSSL build: compare the rest.
        for (CipherSuite s : generated) {
            CipherSuite stored = registry.byCode(s.code()).orElseThrow(() -> new AssertionError("missing " + s.iana()));
            assertThat(new CipherSuite(stored.code(), stored.iana(), null, stored.keyExchange(), stored.authentication(),
                    stored.cipher(), stored.bits(), stored.mac(), stored.aead(), stored.forwardSecret(), stored.tls13(), stored.export()))
                    .isEqualTo(new CipherSuite(s.code(), s.iana(), null, s.keyExchange(), s.authentication(), s.cipher(),
                            s.bits(), s.mac(), s.aead(), s.forwardSecret(), s.tls13(), s.export()));
        }
        assertThat(checkedIn.lines().filter(l -> l.startsWith("0x")).count()).isEqualTo(generated.size());
        // The only naming disagreements between the sources are nmap's names for the RFC 9150 suites.
        assertThat(g.disagreements()).allMatch(d -> d.contains("0xC0B4") || d.contains("0xC0B5"));
    }
}
