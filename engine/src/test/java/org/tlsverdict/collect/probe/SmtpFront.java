package org.tlsverdict.collect.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SMTP server for STARTTLS integration tests (openssl s_server cannot be an SMTP server):
 * greets, answers EHLO with STARTTLS, answers STARTTLS with 220, then relays the raw bytes to an
 * implicit-TLS server on 127.0.0.1:backend, so the TLS configuration tested is the backend's.
 * Counts the connections it accepts.
 */
final class SmtpFront implements AutoCloseable {

    final int port;
    final AtomicInteger connections = new AtomicInteger();
    private final ServerSocket socket;
    private final int backend;

    SmtpFront(int backend) throws IOException {
        this.backend = backend;
        this.port = LocalTargets.freePort();
        this.socket = new ServerSocket(port, 100, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "smtp-front");
        t.setDaemon(true);
        t.start();
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket s = socket.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "smtp-front-conn");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException closed) {
            // close() ends the loop.
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            send(out, "220 front.test ESMTP");
            while (true) {
                String line = StarttlsDialogue.line(in).toUpperCase(java.util.Locale.ROOT);
                if (line.startsWith("EHLO") || line.startsWith("HELO")) {
                    send(out, "250-front.test\r\n250-PIPELINING\r\n250 STARTTLS");
                } else if (line.equals("STARTTLS")) {
                    send(out, "220 2.0.0 Ready to start TLS");
                    break;
                } else {
                    send(out, "502 5.5.2 not implemented");
                }
            }
            try (Socket up = new Socket(InetAddress.getLoopbackAddress(), backend)) {
                Thread down = new Thread(() -> pipe(up, client), "smtp-front-down");
                down.setDaemon(true);
                down.start();
                pipe(client, up);
                down.join(5000);
            }
        } catch (IOException | InterruptedException e) {
            // The prober hung up.
        }
    }

    private static void pipe(Socket from, Socket to) {
        byte[] buf = new byte[16384];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // Either side closed.
        }
        try {
            to.shutdownOutput();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
