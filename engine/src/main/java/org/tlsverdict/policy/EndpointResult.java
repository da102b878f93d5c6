package org.tlsverdict.policy;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.tlsverdict.facts.Endpoint;

/** All verdicts of one endpoint from one input file; {@code status} is the worst of them. */
@JsonPropertyOrder({"endpoint", "source", "status", "verdicts"})
public record EndpointResult(Endpoint endpoint, String source, Status status, List<Verdict> verdicts) {

    public static Status overall(List<Verdict> verdicts) {
        Status s = Status.NOT_APPLICABLE;
        for (Verdict v : verdicts) {
            s = Status.worst(s, v.status());
        }
        return s;
    }
}
