package org.tlsverdict.facts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a fact came from: the collector (testssl, nmap, sslscan, native, manual), the source file
 * as given by the user (never made absolute), and the raw id, element or line it was read from.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(String collector, String source, String raw) {

    /** Fills what this provenance leaves open (collector, source) from the endpoint's default. */
    public Provenance merge(Provenance fallback) {
        if (fallback == null) {
            return this;
        }
        return new Provenance(collector != null ? collector : fallback.collector(),
                source != null ? source : fallback.source(), raw != null ? raw : fallback.raw());
    }

    public Provenance withSourceIfAbsent(String fallbackSource) {
        return source != null ? this : new Provenance(collector, fallbackSource, raw);
    }

    public String describe() {
        StringBuilder sb = new StringBuilder(collector == null ? "unknown collector" : collector);
        if (source != null) {
            sb.append(' ').append(source);
        }
        if (raw != null) {
            sb.append(" [").append(raw).append(']');
        }
        return sb.toString();
    }
}
