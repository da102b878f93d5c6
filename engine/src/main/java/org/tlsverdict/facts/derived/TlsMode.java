package org.tlsverdict.facts.derived;

/**
 * Derived by rules/common: whether TLS is mandatory on the endpoint (clients must not fall back to
 * plaintext) or opportunistic (SMTP relay on port 25, where senders fall back to plaintext).
 */
public record TlsMode(Kind kind, String reason) {

    public enum Kind { MANDATORY, OPPORTUNISTIC }

    public boolean isMandatory() {
        return kind == Kind.MANDATORY;
    }
}
