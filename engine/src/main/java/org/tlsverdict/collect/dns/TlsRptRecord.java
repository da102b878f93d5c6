package org.tlsverdict.collect.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code _smtp._tls} TXT record of RFC 8460 section 3: {@code v=TLSRPTv1; rua=<uri>[,<uri>]}. */
record TlsRptRecord(List<String> rua) {

    record Parsed(TlsRptRecord record, boolean present, String problem) {
    }

    static Parsed parse(List<String> texts) {
        TxtFields.Versioned v = TxtFields.versioned(texts, "TLSRPTv1");
        if (v.fields() == null) {
            return new Parsed(null, v.present(), v.problem());
        }
        Map<String, String> fields = v.fields();
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
