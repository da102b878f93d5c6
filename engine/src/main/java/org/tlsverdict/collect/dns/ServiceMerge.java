package org.tlsverdict.collect.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tlsverdict.facts.DiscoveredService;
import org.tlsverdict.facts.DiscoverySource;
import org.tlsverdict.facts.MailService;
import org.tlsverdict.facts.Transport;

/**
 * The services of one domain as the sources name them, merged by host, port and transport in the
 * order first found, each with every source that named it. Two sources disagree on a protocol when
 * the endpoint each puts first (its preference: SRV priority with implicit TLS first, autoconfig
 * document order) differs; a source that only lists fewer endpoints does not disagree.
 */
final class ServiceMerge {

    private record Entry(MailService service, String host, int port, Transport transport, Set<DiscoverySource> sources) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    /** Per protocol family and source: the endpoints that source named, in its order. */
    private final Map<String, Map<DiscoverySource, Set<String>>> byFamily = new TreeMap<>();
    private final Set<String> conflicts = new LinkedHashSet<>();

    void add(MailService service, String host, int port, Transport transport, DiscoverySource source) {
        String key = host + ":" + port + "/" + transport;
        Entry known = entries.putIfAbsent(key, new Entry(service, host, port, transport, new LinkedHashSet<>()));
        if (known != null && known.service() != service) {
            conflicts.add(host + ":" + port + " is published as " + known.service() + " and, by " + source + ", as " + service
                    + "; scanned once as " + known.service());
        }
        entries.get(key).sources().add(source);
        byFamily.computeIfAbsent(service.family(), k -> new TreeMap<>()).computeIfAbsent(source, k -> new LinkedHashSet<>())
                .add(host + ":" + port + " (" + transport + ")");
    }

    List<DiscoveredService> services() {
        List<DiscoveredService> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            out.add(new DiscoveredService(e.service(), e.host(), e.port(), e.transport(), e.sources().stream().sorted().toList()));
        }
        return out;
    }

    /** One line per protocol whose sources prefer different endpoints. */
    List<String> disagreements(String domain) {
        List<String> out = new ArrayList<>();
        byFamily.forEach((family, bySource) -> {
            Set<String> preferred = new LinkedHashSet<>();
            bySource.values().forEach(endpoints -> preferred.add(endpoints.iterator().next()));
            if (preferred.size() < 2) {
                return;
            }
            List<String> parts = new ArrayList<>();
            bySource.forEach((src, endpoints) -> parts.add(src + " says " + String.join(", ", endpoints)));
            out.add(domain + ": " + family + ": sources disagree on the endpoint to use: " + String.join("; ", parts)
                    + "; all are scanned");
        });
        return out;
    }

    List<String> conflicts() {
        return List.copyOf(conflicts);
    }
}
