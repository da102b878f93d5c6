package org.tlsverdict.facts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * MTA-STS facts of a domain (RFC 8461): the status, the policy's mode whenever a policy was read
 * (even an invalid one), the TXT record's id, the policy's max_age and mx patterns, and why it is
 * invalid or unknown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"status", "mode", "id", "maxAge", "mx", "reason"})
public record MtaSts(MtaStsStatus status, String mode, String id, Long maxAge, List<String> mx, String reason) {

    public static final MtaSts NOT_COLLECTED = new MtaSts(MtaStsStatus.UNKNOWN, null, null, null, null, "MTA-STS not collected");

    public MtaSts {
        status = status == null ? MtaStsStatus.UNKNOWN : status;
        mx = mx == null ? null : List.copyOf(mx);
    }
}
