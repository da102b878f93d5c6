package org.tlsverdict.policy.cases;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.tlsverdict.facts.DomainFacts;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.policy.Status;

/**
 * {@code <criterion>.cases.yaml}, beside the criterion's .drl: compact endpoint facts and the
 * status (and optionally a message fragment) the criterion must give for them. {@code domains} holds
 * mail-domain facts; those whose MX list names the endpoint's host are judged with it. A case
 * without {@code facts} and with exactly one domain judges that domain on its own, as a facts file
 * without its MX endpoints is judged.
 */
public record CaseFile(List<Case> cases) {

    public CaseFile {
        cases = cases == null ? List.of() : List.copyOf(cases);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Case(String name, EndpointFacts facts, List<DomainFacts> domains, Status expect, String message, String at) {
    }
}
