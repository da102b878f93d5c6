package org.tlsverdict.facts;

/**
 * Rule fact: which endpoint is judged, its host name as given and its IP address (null when not
 * known). The {@link Endpoint} fact rules see says only what kind of endpoint it is (port, service,
 * transport), so endpoints of one kind look alike to a session kept between them; a rule that
 * needs to tell endpoints apart matches this fact, and only policies with such a rule get it.
 */
public record EndpointAddress(String host, String ip) implements Fact {

    @Override
    public String describe() {
        return "endpoint " + host + (ip != null && !ip.equals(host) ? " (" + ip + ")" : "");
    }
}
