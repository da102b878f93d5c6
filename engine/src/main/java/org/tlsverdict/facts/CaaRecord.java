package org.tlsverdict.facts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One CAA record (RFC 8659). {@code name} is where the relevant record set was found by climbing
 * the tree, which may be an ancestor of the name asked for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaaRecord(String name, int flags, String tag, String value) {

    @Override
    public String toString() {
        return (name == null ? "" : name + " ") + flags + " " + tag + " \"" + value + "\"";
    }
}
