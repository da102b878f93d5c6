package org.tlsverdict.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tlsverdict.collect.dns.DomainSettings;
import picocli.CommandLine.Option;

/**
 * The mail-domain options as a picocli mixin ({@code @Mixin DomainOptions dns;}), so {@code scan
 * --domain}, {@code scan-domain} and {@code check} share them; {@link #settings()} hands the
 * collector plain values.
 */
final class DomainOptions {

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "mail domain to collect MX, DNSSEC, DANE, MTA-STS, TLS-RPT and CAA facts for (repeatable)")
    List<String> domains = new ArrayList<>();

    @Option(names = "--resolver", paramLabel = "HOST:PORT", description = "the only DNS resolver asked (default: the first nameserver of /etc/resolv.conf, port 53)")
    String resolver;

    @Option(names = "--trust-anchor", paramLabel = "FILE", description = "DNSSEC trust anchor: DS or DNSKEY records in zone-file syntax (default: the IANA root anchor)")
    Path trustAnchor;

    @Option(names = "--ca", paramLabel = "FILE", description = "PEM CA certificates trusted for the MTA-STS policy host and MX chains (default: the system trust store)")
    Path ca;

    @Option(names = "--mx-port", paramLabel = "PORT", defaultValue = "25", description = "SMTP port of the MX hosts (default: ${DEFAULT-VALUE})")
    int mxPort = 25;

    @Option(names = "--dns-timeout", paramLabel = "SECONDS", defaultValue = "5", description = "timeout of one DNS query (default: ${DEFAULT-VALUE})")
    int dnsTimeoutSeconds = 5;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10", description = "timeout of the SMTP and HTTPS connections (default: ${DEFAULT-VALUE})")
    int connectTimeoutSeconds = 10;

    DomainSettings settings() {
        DomainSettings s = new DomainSettings();
        s.resolver = resolver;
        s.trustAnchor = trustAnchor;
        s.ca = ca;
        s.mxPort = mxPort;
        s.dnsTimeoutSeconds = dnsTimeoutSeconds;
        s.connectTimeoutSeconds = connectTimeoutSeconds;
        return s;
    }
}
