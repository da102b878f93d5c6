package org.tlsverdict.facts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One MX of a domain: its name (without the trailing dot), preference, the addresses it resolved to,
 * the DNSSEC status of its address records, its TLSA facts and its CAA records. Omitted parts read
 * as unknown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"host", "preference", "addresses", "dnssec", "tlsa", "caa"})
public record MxHost(String host, Integer preference, List<String> addresses, DnssecStatus dnssec, Tlsa tlsa, Caa caa) {

    public MxHost {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("mx.host is missing");
        }
        host = DomainFacts.normalize(host);
        addresses = addresses == null ? null : List.copyOf(addresses);
        dnssec = dnssec == null ? DnssecStatus.UNKNOWN : dnssec;
        tlsa = tlsa == null ? Tlsa.NOT_COLLECTED : tlsa;
        caa = caa == null ? Caa.UNKNOWN : caa;
    }

    public boolean isHost(String name) {
        return name != null && host.equals(DomainFacts.normalize(name));
    }
}
