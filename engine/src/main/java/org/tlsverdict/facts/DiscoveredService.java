package org.tlsverdict.facts;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One mail endpoint a domain publishes ({@code domains[].services[]}): the service, where it is, how
 * TLS starts, and every source that named it ({@code foundBy}, in the order the sources were asked).
 */
@JsonPropertyOrder({"service", "host", "port", "transport", "foundBy"})
public record DiscoveredService(MailService service, String host, int port, Transport transport, List<DiscoverySource> foundBy) {

    public DiscoveredService {
        if (service == null) {
            throw new IllegalArgumentException("services[].service is missing");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("services[].host is missing");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("services[].port " + port + " is not a TCP port");
        }
        host = DomainFacts.normalize(host);
        transport = transport == null ? service.transport() : transport;
        if (foundBy == null || foundBy.isEmpty()) {
            throw new IllegalArgumentException("services[].foundBy is missing: every discovered service names its source");
        }
        foundBy = List.copyOf(foundBy);
    }

    public String label() {
        return host + ":" + port;
    }
}
