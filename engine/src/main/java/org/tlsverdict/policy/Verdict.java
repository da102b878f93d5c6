package org.tlsverdict.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The status of one criterion on one endpoint, with why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"criterion", "title", "level", "status", "message", "expected", "evidence", "rules"})
public record Verdict(String criterion, String title, String level, Status status, String message, String expected,
                      List<Evidence> evidence, List<String> rules) {
}
