package org.tlsverdict.facts;

import java.util.List;

/**
 * Rule fact: the CAA answer for a name of a domain ({@code scope} "domain" for the domain itself,
 * "mx" for an MX host). {@code known} is false when the lookup failed or was not made.
 */
public record CaaFact(String domain, String name, String scope, boolean known, List<String> records,
                      Provenance provenance) implements Fact {

    public CaaFact {
        records = records == null ? List.of() : List.copyOf(records);
    }

    public boolean present() {
        return known && !records.isEmpty();
    }

    @Override
    public String describe() {
        if (!known) {
            return "CAA of " + name + ": unknown";
        }
        return "CAA of " + name + ": " + (records.isEmpty() ? "none" : String.join("; ", records));
    }
}
