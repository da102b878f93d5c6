package org.tlsverdict.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.tlsverdict.facts.Endpoint;

/**
 * All verdicts of one endpoint from one input file; {@code status} is the worst of them.
 * {@code domain} is set when the subject is a mail domain judged on its own, because no MX endpoint
 * of it is in the facts (Null MX, or the MX hosts were not scanned): then {@code endpoint} names
 * the domain on port 25, where its mail would arrive.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"endpoint", "domain", "source", "status", "verdicts"})
public record EndpointResult(Endpoint endpoint, String domain, String source, Status status, List<Verdict> verdicts) {

    public EndpointResult(Endpoint endpoint, String source, Status status, List<Verdict> verdicts) {
        this(endpoint, null, source, status, verdicts);
    }

    public static Status overall(List<Verdict> verdicts) {
        Status s = Status.NOT_APPLICABLE;
        for (Verdict v : verdicts) {
            s = Status.worst(s, v.status());
        }
        return s;
    }
}
