package org.tlsverdict.facts.derived;

import java.util.List;
import org.tlsverdict.facts.ProtocolFact;
import org.tlsverdict.facts.Support;

/**
 * Derived by rules/common: whether the endpoint offers TLS 1.2 or later, the floor RFC 8996 and
 * RFC 9325 set. {@code OFFERED} lists the offered versions among TLS 1.2 and 1.3; {@code NOT_OFFERED}
 * both (neither is offered); {@code UNKNOWN} the versions whose support was not collected when
 * neither is known to be offered.
 */
public record Tls12OrLater(Support support, List<ProtocolFact> protocols) {

    /** In version order, so that equal findings are equal facts whatever order the session collected them in. */
    public Tls12OrLater {
        protocols = protocols.stream().sorted(java.util.Comparator.comparingInt(p -> p.version().rank())).toList();
    }
}
