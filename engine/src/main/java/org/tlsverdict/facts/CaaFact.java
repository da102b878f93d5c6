package org.tlsverdict.facts;

import java.util.List;

/**
 * Rule fact: the CAA answer for a name of a domain ({@code scope} "domain" for the domain itself,
 * "mx" for an MX host). {@code known} is false when the lookup failed or was not made. {@code tags}
 * holds the property tags of the records (lower case), so a rule can ask for an {@code issue} tag.
 */
public record CaaFact(String domain, String name, String scope, boolean known, List<String> records,
                      List<String> tags) implements Fact {

    public CaaFact {
        records = records == null ? List.of() : List.copyOf(records);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Whether a record with this property tag (RFC 8659 tags compare case-insensitively) is present. */
    public boolean hasTag(String tag) {
        return tags.contains(tag.toLowerCase(java.util.Locale.ROOT));
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
