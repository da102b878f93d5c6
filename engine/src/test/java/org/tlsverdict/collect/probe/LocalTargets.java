package org.tlsverdict.collect.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real servers for integration tests, started through scripts/prober/s-server (openssl s_server
 * with the test certificates) on free ports of 127.0.0.1:20100-20499; {@link SmtpFront} puts
 * SMTP STARTTLS in front of one. Tests of other packages start s-server on a port of their own
 * through {@link #sServerOn}.
 */
public final class LocalTargets {

    static final Path SCRIPTS = Path.of("scripts/prober");
    private static final AtomicInteger NEXT = new AtomicInteger(20100 + (int) (ProcessHandle.current().pid() % 40) * 10);

    private LocalTargets() {
    }

    /** A running helper process; close() stops it. */
    public static final class Proc implements AutoCloseable {
        final int port;
        final Process process;

        Proc(int port, Process process) {
            this.port = port;
            this.process = process;
        }

        public int port() {
            return port;
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() {
        for (int i = 0; i < 400; i++) {
            int p = NEXT.getAndIncrement();
            if (p >= 20500) {
                NEXT.set(20100);
                p = NEXT.getAndIncrement();
            }
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress("127.0.0.1", p));
                return p;
            } catch (IOException busy) {
                // Try the next one.
            }
        }
        throw new IllegalStateException("no free port in 20100-20499");
    }

    /** openssl s_server on a free port, certificates in {@code certs}. */
    static Proc sServer(Path certs, String... args) throws IOException, InterruptedException {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(SCRIPTS.resolve("s-server").toString(), certs.toString(), Integer.toString(port)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Proc proc = new Proc(port, p);
        waitForPort(proc);
        return proc;
    }

    /**
     * openssl s_server through scripts/prober/s-server on {@code port}, certificates in {@code certs},
     * with {@code env} added to its environment (S_SERVER_OPENSSL_PREFIX: serve with a private
     * OpenSSL build); its output goes to {@code certs/s-server-PORT.log}, quoted when it fails to start.
     */
    public static Proc sServerOn(Path certs, int port, java.util.Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(SCRIPTS.resolve("s-server").toString(), certs.toString(), Integer.toString(port)));
        cmd.addAll(List.of(args));
        java.nio.file.Files.createDirectories(certs);
        Path log = certs.resolve("s-server-" + port + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Proc proc = new Proc(port, pb.start());
        try {
            waitForPort(proc);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + ": " + java.nio.file.Files.readString(log).strip(), e);
        }
        return proc;
    }

    private static void waitForPort(Proc proc) throws IOException, InterruptedException {
        long until = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < until) {
            if (!proc.process.isAlive()) {
                throw new IOException("s-server on " + proc.port + " exited with " + proc.process.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", proc.port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        proc.close();
        throw new IOException("s-server did not listen on " + proc.port);
    }

    /** The suites `openssl ciphers` says this OpenSSL can serve with an RSA certificate for {@code version} (e.g. -tls1_2). */
    static List<Integer> opensslSuites(String cipherString, String version) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "ciphers", "-V", "-s", version, cipherString).redirectErrorStream(true).start();
        List<Integer> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 6 || !f[0].startsWith("0x") || f[3].equals("TLSv1.3")) {
                    continue;
                }
                String au = f[5];
                if (au.equals("Au=RSA") || au.equals("Au=None")) {
                    out.add(Integer.parseInt(f[0].replace("0x", "").replace(",", ""), 16));
                }
            }
        }
        p.waitFor();
        return out;
    }
}
