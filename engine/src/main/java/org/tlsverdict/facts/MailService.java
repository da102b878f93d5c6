package org.tlsverdict.facts;

import java.util.Optional;

/**
 * A mail service a provider publishes for clients or other servers, as the discovery of
 * {@code check} names it (RFC 6186 and RFC 8314 service names). {@link Service} names the endpoint
 * a scan judges; this enum names what the domain advertises, so {@code submissions} (RFC 8314)
 * stays itself here while its endpoint is an {@code smtps} one.
 */
public enum MailService {
    SMTP("smtp", Service.SMTP, Transport.STARTTLS),
    SUBMISSION("submission", Service.SUBMISSION, Transport.STARTTLS),
    SUBMISSIONS("submissions", Service.SMTPS, Transport.IMPLICIT),
    IMAP("imap", Service.IMAP, Transport.STARTTLS),
    IMAPS("imaps", Service.IMAPS, Transport.IMPLICIT),
    POP3("pop3", Service.POP3, Transport.STARTTLS),
    POP3S("pop3s", Service.POP3S, Transport.IMPLICIT);

    private final String label;
    private final Service endpointService;
    private final Transport transport;

    MailService(String label, Service endpointService, Transport transport) {
        this.label = label;
        this.endpointService = endpointService;
        this.transport = transport;
    }

    /** The service of the endpoint that is scanned for it. */
    public Service endpointService() {
        return endpointService;
    }

    /** How TLS starts for this service (RFC 8314: the "s" names are implicit TLS). */
    public Transport transport() {
        return transport;
    }

    /** The same protocol with the other transport (imap for imaps, and so on); itself for smtp. */
    public String family() {
        return switch (this) {
            case SMTP -> "smtp";
            case SUBMISSION, SUBMISSIONS -> "submission";
            case IMAP, IMAPS -> "imap";
            case POP3, POP3S -> "pop3";
        };
    }

    @Override
    public String toString() {
        return label;
    }

    public static Optional<MailService> parse(String label) {
        for (MailService s : values()) {
            if (s.label.equalsIgnoreCase(label)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
