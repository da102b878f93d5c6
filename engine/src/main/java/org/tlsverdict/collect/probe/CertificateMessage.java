package org.tlsverdict.collect.probe;

import java.util.ArrayList;
import java.util.List;

/** The DER certificates of a TLS 1.0-1.2 Certificate message, leaf first, as sent. */
final class CertificateMessage {

    private CertificateMessage() {
    }

    static List<byte[]> parse(byte[] body) throws TlsFormatException {
        ByteReader r = new ByteReader(body, "Certificate");
        ByteReader list = r.sub(r.u24(), "list");
        r.expectEnd();
        List<byte[]> out = new ArrayList<>();
        while (list.hasMore()) {
            int len = list.u24();
            if (len == 0) {
                throw new TlsFormatException("Certificate: empty certificate entry");
            }
            out.add(list.bytes(len));
        }
        return out;
    }
}
