package org.tlsverdict.collect.probe;

import java.io.IOException;

/**
 * The probes that go on after the server's first flight (Heartbleed and CCS, ROBOT): send the hello
 * and read up to ServerHelloDone, leaving the connection right where the client's key exchange
 * would start.
 */
final class FirstFlight {

    private FirstFlight() {
    }

    /** The ServerHello; an IOException with a one-line reason when the server refused or broke off before ServerHelloDone. */
    static ServerHello read(Connection c, ClientHello hello, boolean heartbeat, int maxHandshakeBytes) throws IOException {
        c.out().write(hello.encode(heartbeat));
        c.out().flush();
        RecordReader reader = new RecordReader(c.in(), maxHandshakeBytes);
        RecordReader.Message m = reader.next();
        if (m.isAlert() || m.type() != Wire.SERVER_HELLO) {
            throw new TlsFormatException("the server refused the hello ("
                    + (m.isAlert() ? "alert " + Wire.alertName(m.alertDescription()) : "message type " + m.type()) + ")");
        }
        ServerHello sh = ServerHello.parse(m.body());
        while (true) {
            RecordReader.Message next = reader.next();
            if (next.isAlert()) {
                throw new TlsFormatException("alert " + Wire.alertName(next.alertDescription()) + " before ServerHelloDone");
            }
            if (next.type() == Wire.SERVER_HELLO_DONE) {
                return sh;
            }
        }
    }
}
