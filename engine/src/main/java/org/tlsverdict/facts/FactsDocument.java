package org.tlsverdict.facts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A facts file: {@code {"schema": "tlsverdict/facts/v1", "endpoints": [...]}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FactsDocument(String schema, List<EndpointFacts> endpoints, List<JsonNode> domains) {

    public static final String SCHEMA = "tlsverdict/facts/v1";

    public FactsDocument {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    public static FactsDocument of(List<EndpointFacts> endpoints) {
        return new FactsDocument(SCHEMA, endpoints, null);
    }
}
