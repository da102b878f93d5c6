package org.tlsverdict.collect.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.Certificate;
import org.tlsverdict.facts.TriState;

/** The parsers on byte sequences captured from openssl s_server (see resources README). */
class ServerFlightParsingTest {

    @Test
    void ecdheFlightGivesSuiteCurveAndCertificate() throws Exception {
        List<RecordReader.Message> m = Captures.messages("tls12-ecdhe-rsa-x25519.hex");
        assertThat(m).extracting(RecordReader.Message::type).containsExactly(
                Wire.SERVER_HELLO, Wire.CERTIFICATE, Wire.SERVER_KEY_EXCHANGE, Wire.SERVER_HELLO_DONE);
        ServerHello sh = ServerHello.parse(m.get(0).body());
        assertThat(sh.version()).isEqualTo(0x0303);
        assertThat(sh.cipherSuite()).isEqualTo(0xC02F);
        assertThat(sh.compression()).isZero();
        assertThat(sh.isHelloRetryRequest()).isFalse();
        assertThat(sh.secureRenegotiation()).isTrue();
        assertThat(sh.extendedMasterSecret()).isTrue();
        assertThat(KeyExchange.parseEc(m.get(2).body(), false).group()).isEqualTo(29);
        List<byte[]> chain = CertificateMessage.parse(m.get(1).body());
        assertThat(chain).hasSize(1);
        Certificate leaf = CertificateFacts.of(chain, "127.0.0.1", null, "capture").get(0);
        assertThat(leaf.subject()).isEqualTo("CN=localhost");
        assertThat(leaf.keyType()).isEqualTo("RSA");
        assertThat(leaf.keyBits()).isEqualTo(2048);
        assertThat(leaf.signatureAlgorithm()).isEqualTo("sha256WithRSAEncryption");
        assertThat(leaf.subjectAltNames()).containsExactly("localhost", "127.0.0.1");
        assertThat(leaf.hostnameMatch()).isEqualTo(TriState.YES);
        assertThat(leaf.trusted()).isEqualTo(TriState.UNKNOWN);
    }

    @Test
    void dheFlightGivesPrimeSizeAndClassifiesACustomPrime() throws Exception {
        List<RecordReader.Message> m = Captures.messages("tls12-dhe-rsa-1024-custom.hex");
        assertThat(ServerHello.parse(m.get(0).body()).cipherSuite()).isEqualTo(0x009E);
        KeyExchange k = KeyExchange.parseDh(m.get(2).body(), false);
        assertThat(k.dhBits()).isEqualTo(1024);
        assertThat(DhPrimes.classify(k.prime())).isEqualTo(new DhPrimes.Classification("custom", "custom"));
    }

    @Test
    void rsaFlightHasNoKeyExchange() throws Exception {
        List<RecordReader.Message> m = Captures.messages("tls12-rsa-no-key-exchange.hex");
        assertThat(m).extracting(RecordReader.Message::type).containsExactly(
                Wire.SERVER_HELLO, Wire.CERTIFICATE, Wire.SERVER_HELLO_DONE);
    }

    @Test
    void helloRetryRequestNamesVersionSuiteAndGroup() throws Exception {
        List<RecordReader.Message> m = Captures.messages("tls13-hello-retry-request.hex");
        ServerHello hrr = ServerHello.parse(m.get(0).body());
        assertThat(hrr.isHelloRetryRequest()).isTrue();
        assertThat(hrr.legacyVersion()).isEqualTo(0x0303);
        assertThat(hrr.version()).isEqualTo(0x0304);
        assertThat(hrr.cipherSuite()).isEqualTo(0x1302);
        assertThat(hrr.keyShareGroup()).isEqualTo(29);
        ClientHello offer = new ClientHello(0x0304, 0x0304, List.of(0x1302, 0x1301), Candidates.TLS13_GROUPS, null, false, false);
        assertThat(HelloExchange.check(offer, hrr, hrr.version())).isNull();
    }

    @Test
    void alertIsReadAsAlert() throws Exception {
        RecordReader.Message a = Captures.messages("tls12-alert-handshake-failure.hex").get(0);
        assertThat(a.isAlert()).isTrue();
        assertThat(a.alertLevel()).isEqualTo(2);
        assertThat(a.alertDescription()).isEqualTo(Wire.ALERT_HANDSHAKE_FAILURE);
        assertThat(Wire.alertName(a.alertDescription())).isEqualTo("handshake_failure");
    }

    @Test
    void aServerHelloThatDoesNotFitTheOfferIsRejected() throws Exception {
        ServerHello sh = ServerHello.parse(Captures.messages("tls12-ecdhe-rsa-x25519.hex").get(0).body());
        ClientHello withoutC02F = new ClientHello(0x0303, 0x0303, List.of(0xC030, 0x009E), Candidates.LEGACY_GROUPS, null, true, false);
        assertThat(HelloExchange.check(withoutC02F, sh, 0x0303)).contains("0xC02F was not offered");
        ClientHello tls11 = new ClientHello(0x0302, 0x0302, List.of(0xC02F), Candidates.LEGACY_GROUPS, null, true, false);
        assertThat(HelloExchange.check(tls11, sh, 0x0303)).contains("TLSv1.2 was not offered");
    }

    @Test
    void truncatedOrFloodedInputIsAFormatErrorNotAFact() throws Exception {
        byte[] flight = Captures.bytes("tls12-ecdhe-rsa-x25519.hex");
        byte[] cut = Arrays.copyOf(flight, 30);
        RecordReader r = new RecordReader(new ByteArrayInputStream(cut), 1 << 20);
        assertThatThrownBy(r::next).isInstanceOf(java.io.EOFException.class).hasMessageContaining("mid-record");
        RecordReader small = new RecordReader(new ByteArrayInputStream(flight), 200);
        small.next();
        assertThatThrownBy(small::next).isInstanceOf(RecordReader.TooLargeException.class);
        byte[] http = "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new RecordReader(new ByteArrayInputStream(http), 1 << 20).next())
                .isInstanceOf(TlsFormatException.class).hasMessageContaining("not a TLS record");
        assertThatThrownBy(() -> ServerHello.parse(new byte[] {3, 3, 0}))
                .isInstanceOf(TlsFormatException.class).hasMessageContaining("truncated");
    }
}
