package org.tlsverdict.collect;

import java.util.Locale;
import java.util.Optional;
import org.tlsverdict.facts.Service;
import org.tlsverdict.facts.Transport;

/**
 * How TLS starts on a connection: the STARTTLS dialect spoken first (smtp, imap, pop3), none
 * (TLS from the first byte), or auto (from the target's service and transport). The one type for
 * the {@code --starttls} value, a target's dialect and what the probe and runners speak; the
 * values are the command-line spellings.
 */
public enum Starttls {
    AUTO("auto"), NONE("none"), SMTP("smtp"), IMAP("imap"), POP3("pop3");

    /** The one-line complaint about a value {@link #parse} refuses. */
    public static final String EXPECTED = "smtp, imap, pop3, none or auto";

    private final String value;

    Starttls(String value) {
        this.value = value;
    }

    /** The command-line spelling (smtp, none, ...), which is also the STARTTLS switch value of testssl.sh and sslscan. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    /** The {@code --starttls} value, or a scanner's dialect name in any case (sslyze writes SMTP). */
    public static Optional<Starttls> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Starttls s : values()) {
            if (s.value.equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The dialect an endpoint of this service and transport speaks before TLS; NONE for implicit TLS. */
    public static Starttls of(Service service, Transport transport) {
        if (transport != Transport.STARTTLS || service == null) {
            return NONE;
        }
        return switch (service) {
            case SMTP, SUBMISSION -> SMTP;
            case IMAP -> IMAP;
            case POP3 -> POP3;
            default -> NONE;
        };
    }

    /** What to speak to {@code target}: AUTO follows the target's service, anything else is forced. */
    public Starttls forTarget(ScanTarget target) {
        return this == AUTO ? target.starttls() : this;
    }

    /** True for a dialect (smtp, imap, pop3): there is a plain-text exchange before TLS. */
    public boolean negotiates() {
        return this == SMTP || this == IMAP || this == POP3;
    }
}
