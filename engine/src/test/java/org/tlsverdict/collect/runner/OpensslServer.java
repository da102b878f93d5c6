package org.tlsverdict.collect.runner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real {@code openssl s_server} on a loopback port for the length of a test. */
final class OpensslServer implements AutoCloseable {

    private final Process process;
    final int port;
    final Path dir;

    private OpensslServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** RSA-2048 self-signed certificate for localhost, 1024-bit DHE, TLS 1.0-1.3, server order. */
    static OpensslServer mixed(Path dir, int port) throws IOException, InterruptedException {
        exec(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem",
                "-days", "30", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        exec(dir, "openssl", "dhparam", "-out", "dh.pem", "1024");
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-cert", "cert.pem",
                "-key", "key.pem", "-dhparam", "dh.pem",
                "-cipher", "ECDHE-RSA-AES256-GCM-SHA384:DHE-RSA-AES128-SHA:AES128-SHA:@SECLEVEL=0",
                "-serverpref", "-min_protocol", "TLSv1", "-www", "-quiet"));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("s_server.log").toFile()).start();
        OpensslServer s = new OpensslServer(p, port, dir);
        s.awaitListening();
        return s;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long until = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < until) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("openssl s_server exited: " + Files.readString(dir.resolve("s_server.log")));
                }
                Thread.sleep(100);
            }
        }
        throw new IOException("openssl s_server did not listen on " + port);
    }

    private static void exec(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("setup.log").toFile()).start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + Files.readString(dir.resolve("setup.log")));
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
