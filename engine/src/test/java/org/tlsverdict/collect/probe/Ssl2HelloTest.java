package org.tlsverdict.collect.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class Ssl2HelloTest {

    @Test
    void clientHelloIsAnSslv2RecordWithEveryCipherKind() {
        byte[] h = Ssl2Hello.encode();
        assertThat(h[0] & 0x80).isEqualTo(0x80);
        assertThat(((h[0] & 0x7F) << 8) | (h[1] & 0xFF)).isEqualTo(h.length - 2);
        assertThat(h[2]).isEqualTo((byte) 1);
        assertThat(h[3]).isEqualTo((byte) 0);
        assertThat(h[4]).isEqualTo((byte) 2);
        assertThat(((h[5] & 0xFF) << 8) | (h[6] & 0xFF)).isEqualTo(7 * 3);
    }

    /** SERVER-HELLO as RFC draft-hickman: type 4, hit 0, cert type 1, version 0x0002, cert, specs, connection id. */
    @Test
    void serverHelloWithCipherSpecsMeansSslv2() throws Exception {
        ByteWriter body = new ByteWriter().u8(4).u8(0).u8(1).u16(0x0002).u16(3).u16(6).u16(16)
                .bytes(new byte[] {1, 2, 3}).u24(0x010080).u24(0x0700C0).bytes(new byte[16]);
        byte[] msg = body.toByteArray();
        byte[] record = new ByteWriter().u16(0x8000 | msg.length).bytes(msg).toByteArray();
        Ssl2Hello.Answer a = Ssl2Hello.read(new ByteArrayInputStream(record));
        assertThat(a.kind()).isEqualTo(Ssl2Hello.Kind.SSL2_SERVER_HELLO);
        assertThat(a.cipherSpecs()).containsExactly(0x010080, 0x0700C0);
    }

    @Test
    void tlsAlertMeansNoSslv2AndGarbageIsAnError() throws Exception {
        assertThat(Ssl2Hello.read(new ByteArrayInputStream(new byte[] {0x15, 3, 1, 0, 2, 2, 40})).kind()).isEqualTo(Ssl2Hello.Kind.TLS_ANSWER);
        assertThatThrownBy(() -> Ssl2Hello.read(new ByteArrayInputStream(new byte[] {0x16, 3, 3, 0, 80, 2, 0})))
                .isInstanceOf(TlsFormatException.class);
        assertThat(Ssl2Hello.read(new ByteArrayInputStream(new byte[0])).kind()).isEqualTo(Ssl2Hello.Kind.CLOSED);
        assertThatThrownBy(() -> Ssl2Hello.read(new ByteArrayInputStream("220 hello\r\n".getBytes())))
                .isInstanceOf(TlsFormatException.class);
    }
}
