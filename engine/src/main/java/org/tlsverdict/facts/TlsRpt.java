package org.tlsverdict.facts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * TLS-RPT facts of a domain (RFC 8460): the status and the reporting URIs ({@code rua}). A facts
 * file may also give the bare status string ({@code tlsRpt: present}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"status", "rua", "reason"})
public record TlsRpt(TlsRptStatus status, List<String> rua, String reason) {

    public static final TlsRpt NOT_COLLECTED = new TlsRpt(TlsRptStatus.UNKNOWN, null, "TLS-RPT not collected");

    public TlsRpt {
        status = status == null ? TlsRptStatus.UNKNOWN : status;
        rua = rua == null ? null : List.copyOf(rua);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TlsRpt fromJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return NOT_COLLECTED;
        }
        if (node.isTextual()) {
            return new TlsRpt(status(node.textValue()), null, null);
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("tlsRpt must be a status or {status, rua, reason}");
        }
        TlsRptStatus status = null;
        List<String> rua = null;
        String reason = null;
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            switch (e.getKey()) {
                case "status" -> status = status(e.getValue().asText());
                case "reason" -> reason = e.getValue().asText();
                case "rua" -> {
                    rua = new ArrayList<>();
                    for (JsonNode u : e.getValue()) {
                        rua.add(u.asText());
                    }
                }
                default -> throw new IllegalArgumentException("tlsRpt: unknown key '" + e.getKey() + "'");
            }
        }
        return new TlsRpt(status, rua, reason);
    }

    private static TlsRptStatus status(String text) {
        for (TlsRptStatus s : TlsRptStatus.values()) {
            if (s.toString().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("tlsRpt status '" + text + "' is not one of present, absent, invalid, unknown");
    }
}
