package org.tlsverdict.facts;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One TLS endpoint; also a rule fact, so rules can match on service and port. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Endpoint(String host, String ip, int port, Service service, Transport transport) {

    public Endpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("endpoint.host is missing");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("endpoint.port " + port + " is not a TCP port");
        }
        if (service == null) {
            service = Service.forPort(port);
        }
        if (transport == null) {
            transport = service.defaultTransport();
        }
    }

    public String label() {
        return host + ":" + port;
    }
}
