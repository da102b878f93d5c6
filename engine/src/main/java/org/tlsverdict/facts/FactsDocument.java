package org.tlsverdict.facts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A facts file: {@code {"schema": "tlsverdict/facts/v1", "endpoints": [...], "domains": [...]}}. {@code domains}
 * (mail-domain facts: MX, DNSSEC, DANE, MTA-STS, TLS-RPT, CAA) may be left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FactsDocument(String schema, List<EndpointFacts> endpoints, List<DomainFacts> domains) {

    public static final String SCHEMA = "tlsverdict/facts/v1";

    public FactsDocument {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        domains = domains == null ? null : List.copyOf(domains);
    }

    public static FactsDocument of(List<EndpointFacts> endpoints) {
        return new FactsDocument(SCHEMA, endpoints, null);
    }

    public static FactsDocument of(List<EndpointFacts> endpoints, List<DomainFacts> domains) {
        return new FactsDocument(SCHEMA, endpoints, domains == null || domains.isEmpty() ? null : domains);
    }

    /** The domains as a list, empty when the file has none. */
    public List<DomainFacts> domainsOrEmpty() {
        return domains == null ? List.of() : domains;
    }
}
