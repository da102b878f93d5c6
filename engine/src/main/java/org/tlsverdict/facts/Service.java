package org.tlsverdict.facts;

/**
 * The application protocol on an endpoint. Whether TLS is mandatory or opportunistic on it is a
 * policy question and lives in rules/common, not here.
 */
public enum Service {
    SMTP("smtp", 25, Transport.STARTTLS),
    SUBMISSION("submission", 587, Transport.STARTTLS),
    SMTPS("smtps", 465, Transport.IMPLICIT),
    IMAP("imap", 143, Transport.STARTTLS),
    IMAPS("imaps", 993, Transport.IMPLICIT),
    POP3("pop3", 110, Transport.STARTTLS),
    POP3S("pop3s", 995, Transport.IMPLICIT),
    HTTPS("https", 443, Transport.IMPLICIT),
    OTHER("other", -1, Transport.IMPLICIT);

    private final String label;
    private final int wellKnownPort;
    private final Transport transport;

    Service(String label, int wellKnownPort, Transport transport) {
        this.label = label;
        this.wellKnownPort = wellKnownPort;
        this.transport = transport;
    }

    public int wellKnownPort() {
        return wellKnownPort;
    }

    /** The transport the service uses on its well-known port. */
    public Transport defaultTransport() {
        return transport;
    }

    @Override
    public String toString() {
        return label;
    }

    public static Service forPort(int port) {
        for (Service s : values()) {
            if (s.wellKnownPort == port) {
                return s;
            }
        }
        return OTHER;
    }

    public static java.util.Optional<Service> parse(String label) {
        for (Service s : values()) {
            if (s.label.equalsIgnoreCase(label)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }
}
