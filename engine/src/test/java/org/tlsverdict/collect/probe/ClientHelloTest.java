package org.tlsverdict.collect.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.CipherRegistry;

class ClientHelloTest {

    /** The hello as a server sees it. */
    record Parsed(int recordVersion, int version, List<Integer> suites, List<Integer> compression, Map<Integer, byte[]> extensions,
                  int messageLength) {
    }

    static Parsed parse(byte[] record) throws TlsFormatException {
        ByteReader r = new ByteReader(record, "record");
        assertThat(r.u8()).isEqualTo(Wire.HANDSHAKE);
        int recordVersion = r.u16();
        ByteReader msg = r.sub(r.u16(), "message");
        r.expectEnd();
        assertThat(msg.u8()).isEqualTo(Wire.CLIENT_HELLO);
        int length = msg.u24();
        ByteReader body = msg.sub(length, "body");
        int version = body.u16();
        body.bytes(32);
        assertThat(body.u8()).isEqualTo(32);
        body.bytes(32);
        ByteReader suitesR = body.sub(body.u16(), "suites");
        List<Integer> suites = new ArrayList<>();
        while (suitesR.hasMore()) {
            suites.add(suitesR.u16());
        }
        ByteReader compR = body.sub(body.u8(), "compression");
        List<Integer> compression = new ArrayList<>();
        while (compR.hasMore()) {
            compression.add(compR.u8());
        }
        Map<Integer, byte[]> ext = new LinkedHashMap<>();
        if (body.hasMore()) {
            ByteReader all = body.sub(body.u16(), "extensions");
            while (all.hasMore()) {
                int type = all.u16();
                ext.put(type, all.bytes(all.u16()));
            }
        }
        body.expectEnd();
        return new Parsed(recordVersion, version, suites, compression, ext, length + 4);
    }

    @Test
    void tls12HelloOffersEverySuiteWithTheExtensionsThatAnswerFeatures() throws Exception {
        List<Integer> all = Candidates.legacySuites(CipherRegistry.standard());
        Parsed p = parse(new ClientHello(0x0303, 0x0303, all, Candidates.LEGACY_GROUPS, "mail.example", true, false).encode());
        assertThat(p.recordVersion()).isEqualTo(0x0301);
        assertThat(p.version()).isEqualTo(0x0303);
        assertThat(p.suites()).isEqualTo(all).contains(0x0004, 0x0005, 0x0009, 0x0007, 0x000A, 0x0003, 0x0030)
                .doesNotContain(0x1301, 0x00FF, 0x5600);
        assertThat(all).hasSizeGreaterThan(300);
        assertThat(p.compression()).containsExactly(Wire.COMPRESSION_DEFLATE, Wire.COMPRESSION_NULL);
        assertThat(p.extensions()).containsKeys(Wire.EXT_SERVER_NAME, Wire.EXT_SUPPORTED_GROUPS, Wire.EXT_SIGNATURE_ALGORITHMS,
                Wire.EXT_RENEGOTIATION_INFO, Wire.EXT_EXTENDED_MASTER_SECRET, Wire.EXT_EC_POINT_FORMATS)
                .doesNotContainKeys(Wire.EXT_SUPPORTED_VERSIONS, Wire.EXT_KEY_SHARE);
        assertThat(new String(p.extensions().get(Wire.EXT_SERVER_NAME), java.nio.charset.StandardCharsets.US_ASCII)).endsWith("mail.example");
    }

    @Test
    void tls13HelloAsksForARetryWithAnEmptyKeyShare() throws Exception {
        Parsed p = parse(new ClientHello(0x0304, 0x0304, Candidates.TLS13_SUITES, Candidates.TLS13_GROUPS, null, false, false).encode());
        assertThat(p.version()).isEqualTo(0x0303);
        assertThat(p.extensions().get(Wire.EXT_SUPPORTED_VERSIONS)).containsExactly(2, 3, 4);
        assertThat(p.extensions().get(Wire.EXT_KEY_SHARE)).containsExactly(0, 0);
        assertThat(p.extensions()).doesNotContainKeys(Wire.EXT_SERVER_NAME, Wire.EXT_RENEGOTIATION_INFO);
        assertThat(p.compression()).containsExactly(Wire.COMPRESSION_NULL);
        Parsed combined = parse(new ClientHello(0x0304, 0x0301, List.of(0x1301, 0xC02F), List.of(29), null, true, false).encode());
        assertThat(combined.extensions().get(Wire.EXT_SUPPORTED_VERSIONS)).containsExactly(8, 3, 4, 3, 3, 3, 2, 3, 1);
        assertThat(combined.extensions()).containsKey(Wire.EXT_RENEGOTIATION_INFO);
    }

    @Test
    void sslv3HelloHasNoExtensionsAndSignalsRenegotiationWithTheScsv() throws Exception {
        Parsed p = parse(new ClientHello(0x0300, 0x0300, List.of(0x000A, 0x0005), List.of(), null, true, true).encode());
        assertThat(p.recordVersion()).isEqualTo(0x0300);
        assertThat(p.version()).isEqualTo(0x0300);
        assertThat(p.extensions()).isEmpty();
        assertThat(p.suites()).containsExactly(0x000A, 0x0005, Wire.EMPTY_RENEGOTIATION_INFO_SCSV, Wire.FALLBACK_SCSV);
    }

    @Test
    void hellosBetween256And511BytesArePaddedTo512() throws Exception {
        for (int n = 1; n < 200; n++) {
            List<Integer> suites = Candidates.legacySuites(CipherRegistry.standard()).subList(0, n);
            Parsed p = parse(new ClientHello(0x0303, 0x0303, suites, Candidates.LEGACY_GROUPS, null, true, false).encode());
            assertThat(p.messageLength() < 256 || p.messageLength() >= 512).as(n + " suites: " + p.messageLength() + " bytes").isTrue();
        }
    }
}
