package org.tlsverdict.collect.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops scripts/dns-testbed (Knot DNS, nginx, Postfix on 127.0.2.1) for integration
 * tests, and hands out collector options pointing at it.
 */
final class DnsTestbed implements AutoCloseable {

    static final Path SCRIPTS = Path.of("scripts", "dns-testbed");

    final Path work;
    final Map<String, String> env = new HashMap<>();

    private DnsTestbed(Path work) {
        this.work = work;
    }

    static DnsTestbed start(Path work) throws IOException, InterruptedException {
        DnsTestbed t = new DnsTestbed(work);
        String out = run(SCRIPTS.resolve("start").toAbsolutePath().toString(), work.toString());
        for (String line : Files.readAllLines(work.resolve("testbed.env"), StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                t.env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (!t.env.containsKey("DNS_TESTBED_RESOLVER")) {
            throw new IOException("dns-testbed did not write its environment: " + out);
        }
        return t;
    }

    DomainSettings options() {
        DomainSettings o = new DomainSettings();
        o.resolver = env.get("DNS_TESTBED_RESOLVER");
        o.trustAnchor = Path.of(env.get("DNS_TESTBED_TRUST_ANCHOR"));
        o.ca = Path.of(env.get("DNS_TESTBED_CA"));
        o.mxPort = Integer.parseInt(env.get("DNS_TESTBED_SMTP_PORT"));
        o.dnsTimeoutSeconds = 2;
        o.connectTimeoutSeconds = 5;
        return o;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue()
                    + (p.exitValue() == 3 ? " (run scripts/dns-testbed/install-packages)" : "") + ": " + out.trim());
        }
        return out;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(SCRIPTS.resolve("stop").toAbsolutePath().toString(), work.toString());
    }
}
