package org.tlsverdict.collect;

import java.util.Locale;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.Service;
import org.tlsverdict.facts.Transport;

/**
 * What to scan: {@code HOST:PORT} (service from the well-known port) or {@code SCHEME://HOST:PORT}
 * where the scheme is a service name (smtp, submission, imap, pop3 mean STARTTLS; smtps, imaps,
 * pop3s, https implicit TLS). IPv6 literals go in brackets: {@code [::1]:25}.
 *
 * <p>{@code address}, when set, is where to connect: the name was already resolved elsewhere (an MX
 * found through the domain collector's resolver), so no other resolver is asked, while SNI and the
 * hostname check still use {@code host}.
 */
public record ScanTarget(String host, int port, Service service, Transport transport, String address) {

    public ScanTarget(String host, int port, Service service, Transport transport) {
        this(host, port, service, transport, null);
    }

    /** This target, connected at an address resolved elsewhere. */
    public ScanTarget at(String resolvedAddress) {
        return new ScanTarget(host, port, service, transport, resolvedAddress);
    }

    /** The name or address to connect to. */
    public String connectHost() {
        return address != null ? address : host;
    }

    public static ScanTarget parse(String text) {
        String rest = text.trim();
        Service service = null;
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            String name = rest.substring(0, scheme).toLowerCase(Locale.ROOT);
            service = Service.parse(name).filter(s -> s != Service.OTHER)
                    .orElseThrow(() -> new IllegalArgumentException("unknown service '" + name + "' in " + text));
            rest = rest.substring(scheme + 3);
        }
        String host;
        String portText;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0 || close + 1 >= rest.length() || rest.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("expected [IPv6]:PORT, got " + text);
            }
            host = rest.substring(1, close);
            portText = rest.substring(close + 2);
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon <= 0) {
                if (service != null && service.wellKnownPort() > 0) {
                    return of(rest, service.wellKnownPort(), service);
                }
                throw new IllegalArgumentException("expected HOST:PORT, got " + text);
            }
            host = rest.substring(0, colon);
            portText = rest.substring(colon + 1);
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port '" + portText + "' in " + text);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range in " + text);
        }
        return of(host, port, service == null ? Service.forPort(port) : service);
    }

    private static ScanTarget of(String host, int port, Service service) {
        if (host.isBlank()) {
            throw new IllegalArgumentException("empty host");
        }
        return new ScanTarget(host, port, service, service.defaultTransport());
    }

    public Endpoint endpoint(String ip) {
        return Endpoint.of(host, ip, port, service, transport);
    }

    /** The STARTTLS dialect to speak, NONE for implicit TLS. */
    public Starttls starttls() {
        return Starttls.of(service, transport);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
