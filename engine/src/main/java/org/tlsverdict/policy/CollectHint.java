package org.tlsverdict.policy;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What an INCONCLUSIVE verdict lacks and how to collect it: {@code fact} names the missing fact
 * ("SSLv2 support"), {@code how} the collector and flag that supplies it.
 */
@JsonPropertyOrder({"fact", "how"})
public record CollectHint(String fact, String how) {

    /** "fact: how", as the text and Markdown reports print it. */
    public String describe() {
        return fact + ": " + how;
    }
}
