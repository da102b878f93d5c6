package org.tlsverdict.collect.dns;

import java.util.List;
import java.util.Map;
import org.tlsverdict.facts.DiscoveredService;
import org.tlsverdict.facts.Provenance;

/**
 * What discovery found for one domain: every published service with its sources, where to connect
 * to each (the address the chosen resolver gave, or why there is none), what each source said (as
 * provenance, keyed "discovery.<source>...") and the findings worth a line of their own (a service
 * declared not offered, a hostile or missing document, sources that disagree).
 */
public record Discovery(String domain, List<Located> services, Map<String, Provenance> notes, List<String> findings) {

    /** A service and where to reach it: {@code address} null means it cannot be reached, {@code problem} says why. */
    public record Located(DiscoveredService service, String address, String problem) {
    }

    public Discovery {
        services = List.copyOf(services);
        notes = Map.copyOf(notes);
        findings = List.copyOf(findings);
    }

    public List<DiscoveredService> discovered() {
        return services.stream().map(Located::service).toList();
    }
}
