package org.tlsverdict.collect.probe;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Development tool that produced the captured server flights under src/test/resources (see the
 * README there): sends one hand-built ClientHello to 127.0.0.1:PORT and prints, as hex, every byte
 * the server sends back within two seconds. Usage: {@code CaptureServerFlight PORT tls12|tls13 SUITE...}
 * (suites as hex code points).
 */
public final class CaptureServerFlight {

    private CaptureServerFlight() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        boolean tls13 = args[1].equals("tls13");
        List<Integer> suites = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            suites.add(Integer.parseInt(args[i], 16));
        }
        ClientHello hello = tls13 ? new ClientHello(0x0304, 0x0304, suites, Candidates.TLS13_GROUPS, null, false, false)
                : new ClientHello(0x0303, 0x0303, suites, Candidates.LEGACY_GROUPS, null, true, false);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(2000);
            s.getOutputStream().write(hello.encode());
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[65536];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    got.write(buf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // The server waits for our next flight: everything it had to say has arrived.
            }
            System.out.println(HexFormat.of().formatHex(got.toByteArray()));
        }
    }
}
