package org.tlsverdict.collect.importer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.Certificate;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.TriState;

/** sslscan 1.x and 2.x XML shapes. */
class SslscanXmlImporterTest {

    @Test
    void sslscan1ListsNoProtocolsSoAcceptedSuitesMakeTheirVersionOfferedAndTheRestUnknown() throws Exception {
        String text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document title=\"SSLScan Results\" version=\"1.11.13-static\">\n"
                + " <ssltest host=\"mail.example.org\" sniname=\"mail.example.org\" port=\"993\">\n"
                + "  <cipher status=\"preferred\" sslversion=\"TLSv1.2\" bits=\"256\" cipher=\"ECDHE-RSA-AES256-GCM-SHA384\" id=\"0xC030\" curve=\"P-256\" ecdhebits=\"256\" />\n"
                + "  <cipher status=\"not accepted\" sslversion=\"TLSv1.0\" bits=\"256\" cipher=\"DHE-RSA-AES256-SHA\" id=\"0x39\" dhebits=\"2048\" />\n"
                + "  <certificate>\n   <pk error=\"false\" type=\"RSA\" bits=\"2048\" />\n   <subject><![CDATA[mail.example.org]]></subject>\n"
                + "   <self-signed>false</self-signed>\n   <not-valid-after>Mar 13 11:59:45 2029 GMT</not-valid-after>\n  </certificate>\n"
                + " </ssltest>\n</document>\n";
        EndpointFacts e = ImporterFixtures.parse(text, "sslscan");
        assertThat(e.protocols()).containsOnlyKeys(TlsVersion.TLSv1_2).containsEntry(TlsVersion.TLSv1_2, Support.OFFERED);
        assertThat(e.ciphers()).containsOnlyKeys(TlsVersion.TLSv1_2);
        assertThat(e.certificates()).extracting(Certificate::subject, Certificate::keyBits).containsExactly(
                org.assertj.core.groups.Tuple.tuple("CN=mail.example.org", 2048));
        assertThat(e.endpoint().ip()).isNull();
        assertThat(e.endpoint().host()).isEqualTo("mail.example.org");
    }

    @Test
    void sslscan2EcKeySizeComesFromTheCurveNotFromTheSecurityBits() throws Exception {
        String text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document title=\"SSLScan Results\" version=\"2.0.7\">\n"
                + " <ssltest host=\"192.0.2.7\" sniname=\"mail.example.org\" port=\"465\">\n"
                + "  <protocol type=\"tls\" version=\"1.2\" enabled=\"1\" />\n  <protocol type=\"tls\" version=\"1.3\" enabled=\"0\" />\n"
                + "  <fallback supported=\"1\" />\n"
                + "  <cipher status=\"preferred\" sslversion=\"TLSv1.2\" bits=\"128\" cipher=\"ECDHE-ECDSA-AES128-GCM-SHA256\" id=\"0xC02B\" curve=\"25519\" ecdhebits=\"253\" />\n"
                + "  <group sslversion=\"TLSv1.2\" bits=\"128\" name=\"x25519\" id=\"0x001d\" />\n"
                + "  <certificates>\n  <certificate type=\"short\">\n   <signature-algorithm>ecdsa-with-SHA256</signature-algorithm>\n"
                + "   <pk error=\"false\" curve_name=\"prime256v1\" type=\"EC\" bits=\"128\" />\n   <subject><![CDATA[mail.example.org]]></subject>\n"
                + "   <self-signed>false</self-signed>\n  </certificate>\n  </certificates>\n </ssltest>\n</document>\n";
        EndpointFacts e = ImporterFixtures.parse(text, "sslscan");
        Certificate leaf = e.certificates().get(0);
        assertThat(leaf.keyType()).isEqualTo("ECDSA");
        assertThat(leaf.keyBits()).isEqualTo(256);
        assertThat(leaf.curve()).isEqualTo("secp256r1");
        assertThat(e.endpoint().host()).isEqualTo("mail.example.org");
        assertThat(e.endpoint().ip()).isEqualTo("192.0.2.7");
        assertThat(e.groups().get(TlsVersion.TLSv1_2)).containsExactly("x25519");
        assertThat(e.features().fallbackScsv()).isEqualTo(TriState.YES);
        assertThat(e.protocols()).containsEntry(TlsVersion.TLSv1_3, Support.NOT_OFFERED);
    }

    @Test
    void aHostNameNeverLandsInIp() throws Exception {
        String text = "<?xml version=\"1.0\"?>\n<document title=\"SSLScan Results\" version=\"2.0.7\">\n"
                + " <ssltest host=\"mail.example.org\" sniname=\"mail.example.org\" port=\"25\">\n"
                + "  <protocol type=\"tls\" version=\"1.2\" enabled=\"1\" />\n </ssltest>\n</document>\n";
        EndpointFacts e = ImporterFixtures.parse(text, "sslscan");
        assertThat(e.endpoint().host()).isEqualTo("mail.example.org");
        assertThat(e.endpoint().ip()).isNull();
    }
}
