package org.tlsverdict.collect.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code _smtp._tls} TXT record of RFC 8460 section 3: {@code v=TLSRPTv1; rua=<uri>[,<uri>]}. */
record TlsRptRecord(List<String> rua) {

    static final String PREFIX = "v=TLSRPTv1";

    record Parsed(TlsRptRecord record, boolean present, String problem) {
    }

    static Parsed parse(List<String> texts) {
        List<String> rpt = texts.stream().filter(t -> t.startsWith(PREFIX)).toList();
        if (rpt.isEmpty()) {
            return new Parsed(null, false, null);
        }
        if (rpt.size() > 1) {
            return new Parsed(null, true, rpt.size() + " TXT records start with v=TLSRPTv1; exactly one is allowed");
        }
        Map<String, String> fields;
        try {
            fields = TxtFields.parse(rpt.get(0));
        } catch (IllegalArgumentException e) {
            return new Parsed(null, true, "malformed TXT record: " + e.getMessage());
        }
        if (!"TLSRPTv1".equals(fields.get("v")) || !fields.keySet().iterator().next().equals("v")) {
            return new Parsed(null, true, "malformed TXT record: v=TLSRPTv1 must be the first field");
        }
        String rua = fields.get("rua");
        if (rua == null || rua.isBlank()) {
            return new Parsed(null, true, "no rua field");
        }
        List<String> uris = new ArrayList<>();
        for (String u : rua.split(",", -1)) {
            String uri = u.strip();
            String lower = uri.toLowerCase(Locale.ROOT);
            if (!(lower.startsWith("mailto:") && uri.length() > 7 && uri.contains("@"))
                    && !(lower.startsWith("https://") && uri.length() > 8)) {
                return new Parsed(null, true, "rua \"" + TxtFields.printable(uri) + "\" is neither a mailto: nor an https: URI");
            }
            uris.add(uri);
        }
        return new Parsed(new TlsRptRecord(uris), true, null);
    }
}
