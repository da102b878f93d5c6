package org.tlsverdict.collect.importer;

import java.util.Locale;
import org.tlsverdict.facts.Service;
import org.tlsverdict.facts.Transport;

/**
 * nmap's service names ({@code smtp}, {@code submission}, {@code ssl/imap}, {@code imaps}, and the
 * XML {@code <service name= tunnel="ssl">}) mapped to the endpoint's service and transport. A name
 * this table does not know leaves both to the port number.
 */
final class NmapServices {

    private NmapServices() {
    }

    /** Text column: "ssl/" is how nmap -sV says the port speaks TLS from the first byte. */
    static void apply(String column, int port, NmapScript script) {
        if (column == null) {
            return;
        }
        String c = column.toLowerCase(Locale.ROOT);
        boolean ssl = c.startsWith("ssl/") || c.startsWith("tls/");
        apply(ssl ? c.substring(4) : c, ssl, port, script);
    }

    /**
     * -sV names the protocol, not the role: "smtp" on 587 is submission, and only the port tells
     * submission from relay when STARTTLS is used.
     */
    static void apply(String name, boolean tunnelled, int port, NmapScript script) {
        if (name == null || name.isBlank()) {
            return;
        }
        Service s = switch (name.toLowerCase(Locale.ROOT)) {
            case "smtp" -> tunnelled ? Service.SMTPS : Service.forPort(port) == Service.SUBMISSION ? Service.SUBMISSION : Service.SMTP;
            case "submission" -> tunnelled ? Service.SMTPS : Service.SUBMISSION;
            case "smtps" -> Service.SMTPS;
            case "imap" -> tunnelled ? Service.IMAPS : Service.IMAP;
            case "imaps" -> Service.IMAPS;
            case "pop3" -> tunnelled ? Service.POP3S : Service.POP3;
            case "pop3s" -> Service.POP3S;
            case "https", "https-alt" -> Service.HTTPS;
            case "http", "http-alt", "http-proxy" -> tunnelled ? Service.HTTPS : null;
            default -> null;
        };
        if (s == null) {
            return;
        }
        script.service = s;
        script.transport = tunnelled || s.defaultTransport() == Transport.IMPLICIT ? Transport.IMPLICIT : Transport.STARTTLS;
    }
}
