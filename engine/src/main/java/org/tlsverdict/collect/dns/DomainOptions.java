package org.tlsverdict.collect.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options of the mail-domain collector, as a picocli mixin ({@code @Mixin DomainOptions dns;}) so
 * {@code scan --domain} and {@code scan-domain} share them.
 */
public final class DomainOptions {

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "mail domain to collect MX, DNSSEC, DANE, MTA-STS, TLS-RPT and CAA facts for (repeatable)")
    public List<String> domains = new ArrayList<>();

    @Option(names = "--resolver", paramLabel = "HOST:PORT", description = "the only DNS resolver asked (default: the first nameserver of /etc/resolv.conf, port 53)")
    public String resolver;

    @Option(names = "--trust-anchor", paramLabel = "FILE", description = "DNSSEC trust anchor: DS or DNSKEY records in zone-file syntax (default: the IANA root anchor)")
    public Path trustAnchor;

    @Option(names = "--ca", paramLabel = "FILE", description = "PEM CA certificates trusted for the MTA-STS policy host and MX chains (default: the system trust store)")
    public Path ca;

    @Option(names = "--mx-port", paramLabel = "PORT", defaultValue = "25", description = "SMTP port of the MX hosts (default: ${DEFAULT-VALUE})")
    public int mxPort = 25;

    @Option(names = "--dns-timeout", paramLabel = "SECONDS", defaultValue = "5", description = "timeout of one DNS query (default: ${DEFAULT-VALUE})")
    public int dnsTimeoutSeconds = 5;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10", description = "timeout of the SMTP and HTTPS connections (default: ${DEFAULT-VALUE})")
    public int connectTimeoutSeconds = 10;

    /** RFC 8461 fixes the policy host's port; only tests move it. */
    public int httpsPort = 443;

    public Duration dnsTimeout() {
        return Duration.ofSeconds(Math.max(1, dnsTimeoutSeconds));
    }

    public int connectTimeoutMillis() {
        return Math.max(1, connectTimeoutSeconds) * 1000;
    }

    /** The resolver address: HOST:PORT, [V6]:PORT or HOST (port 53); default from the system configuration. */
    public InetSocketAddress resolverAddress() throws IOException {
        String spec = resolver;
        if (spec == null || spec.isBlank()) {
            InetSocketAddress sys = org.xbill.DNS.ResolverConfig.getCurrentConfig().server();
            if (sys == null) {
                throw new IOException("no --resolver given and no nameserver in the system configuration");
            }
            return sys;
        }
        String host = spec;
        int port = 53;
        if (spec.startsWith("[")) {
            int end = spec.indexOf(']');
            if (end < 0) {
                throw new IOException("--resolver " + spec + ": missing ]");
            }
            host = spec.substring(1, end);
            if (spec.length() > end + 1) {
                port = port(spec, spec.substring(end + 1));
            }
        } else if (spec.indexOf(':') >= 0 && spec.indexOf(':') == spec.lastIndexOf(':')) {
            host = spec.substring(0, spec.indexOf(':'));
            port = port(spec, spec.substring(spec.indexOf(':')));
        }
        if (!host.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            throw new IOException("--resolver " + spec + ": give an IP address, so that no other resolver is asked to find it");
        }
        return new InetSocketAddress(java.net.InetAddress.getByName(host), port);
    }

    private static int port(String spec, String colonPort) throws IOException {
        String p = colonPort.startsWith(":") ? colonPort.substring(1) : colonPort;
        if (!p.matches("[0-9]{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65535) {
            throw new IOException("--resolver " + spec + ": bad port '" + p + "'");
        }
        return Integer.parseInt(p);
    }
}
