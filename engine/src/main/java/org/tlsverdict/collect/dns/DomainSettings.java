package org.tlsverdict.collect.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the mail-domain collector: the one resolver asked, the DNSSEC trust anchor, the CAs,
 * the MX port and the timeouts. Plain values, so collect knows nothing of the command line; the
 * {@code scan}, {@code scan-domain} and {@code check} options fill them (cli's DomainOptions).
 */
public final class DomainSettings {

    /** HOST:PORT, [V6]:PORT or HOST; null: the first nameserver of the system configuration. */
    public String resolver;

    /** DS or DNSKEY records in zone-file syntax; null: the IANA root anchor. */
    public Path trustAnchor;

    /** PEM CA certificates for the MTA-STS policy host and MX chains; null: the system trust store. */
    public Path ca;

    public int mxPort = 25;

    public int dnsTimeoutSeconds = 5;

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
