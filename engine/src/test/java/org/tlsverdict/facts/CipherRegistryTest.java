package org.tlsverdict.facts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
