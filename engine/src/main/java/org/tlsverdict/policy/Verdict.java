package org.tlsverdict.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The status of one criterion on one endpoint, with why. {@code collect} (INCONCLUSIVE only) names
 * the facts the input lacks and how to collect them; absent when the verdict was undecided on
 * facts that were collected.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"criterion", "title", "level", "status", "message", "expected", "evidence", "rules", "collect"})
public record Verdict(String criterion, String title, String level, Status status, String message, String expected,
                      List<Evidence> evidence, List<String> rules, List<CollectHint> collect) {

    public Verdict(String criterion, String title, String level, Status status, String message, String expected,
                   List<Evidence> evidence, List<String> rules) {
        this(criterion, title, level, status, message, expected, evidence, rules, null);
    }

    public Verdict {
        collect = collect == null || collect.isEmpty() ? null : List.copyOf(collect);
    }

    public Verdict withCollect(List<CollectHint> hints) {
        return new Verdict(criterion, title, level, status, message, expected, evidence, rules, hints);
    }

    /** INCONCLUSIVE only because facts it reads were not collected (so collecting them decides it). */
    public boolean notCollected() {
        return status == Status.INCONCLUSIVE && collect != null;
    }
}
