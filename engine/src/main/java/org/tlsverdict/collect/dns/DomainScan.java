package org.tlsverdict.collect.dns;

import java.util.List;
import org.tlsverdict.facts.DomainFacts;

/**
 * What collecting one domain produced: its facts, and per MX the address and the chain it
 * presented (or why none), so the caller can add the MX endpoints to a facts file.
 */
public record DomainScan(DomainFacts facts, List<MxChain> chains, long millis) {

    /** {@code chain} null when no TLS session could be had; {@code problem} says why. */
    public record MxChain(String host, String address, int port, List<byte[]> chain, String problem) {
    }

    public DomainScan {
        chains = List.copyOf(chains);
    }
}
