package org.tlsverdict.facts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * TLSA facts of one MX ({@code _25._tcp.<mx>}): the records found, whether they match the chain the
 * MX presented, the record that matched, and why when the answer is not a plain match or absence.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"status", "matched", "records", "reason"})
public record Tlsa(TlsaStatus status, List<TlsaRecord> records, TlsaRecord matched, String reason) {

    public static final Tlsa NOT_COLLECTED = new Tlsa(TlsaStatus.UNKNOWN, null, null, "TLSA not collected");

    public Tlsa {
        status = status == null ? TlsaStatus.UNKNOWN : status;
        records = records == null ? null : List.copyOf(records);
    }
}
