package org.tlsverdict.facts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One TLS endpoint; also a rule fact, so rules can match on service and port. Rules see it
 * {@link #withoutIdentity() without host and IP}; those are the {@link EndpointAddress} fact.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Endpoint(String host, String ip, int port, Service service, Transport transport) {

    /** An endpoint of a facts file, a target or a report: it names its host. */
    @JsonCreator
    public static Endpoint of(@JsonProperty("host") String host, @JsonProperty("ip") String ip, @JsonProperty("port") int port,
                              @JsonProperty("service") Service service, @JsonProperty("transport") Transport transport) {
        if (host == null) {
            throw new IllegalArgumentException("endpoint.host is missing");
        }
        return new Endpoint(host, ip, port, service, transport);
    }

    public Endpoint {
        if (host != null && host.isBlank() || host == null && ip != null) {
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

    /**
     * The endpoint as rules see it: what kind it is (port, service, transport), not which one. A
     * session kept between endpoints then keeps this fact, and all that rules derived from it,
     * from one endpoint of a kind to the next.
     */
    public Endpoint withoutIdentity() {
        return host == null ? this : new Endpoint(null, null, port, service, transport);
    }

    public String label() {
        return host + ":" + port;
    }
}
