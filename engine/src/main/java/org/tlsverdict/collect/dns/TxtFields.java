package org.tlsverdict.collect.dns;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/**
 * The "key=value; key=value" TXT syntax shared by MTA-STS (RFC 8461 section 3.1) and TLS-RPT
 * (RFC 8460 section 3): fields separated by semicolons with optional blanks around them.
 */
final class TxtFields {

    private static final Pattern FIELD = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.-]{0,31})=([\\x21-\\x3a\\x3c-\\x7e]+)");

    private TxtFields() {
    }

    /** The text of a TXT record: its character strings joined without separator (RFC 7208 style). */
    static String text(Record r) {
        return r instanceof TXTRecord t ? String.join("", t.getStrings()) : "";
    }

    static List<String> texts(List<Record> records) {
        return records.stream().map(TxtFields::text).toList();
    }

    /**
     * Parses the fields in order; a malformed field, an empty one other than a trailing one or a
     * repeated key makes the record malformed (IllegalArgumentException with the reason).
     */
    static Map<String, String> parse(String record) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] parts = record.split(";", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.isEmpty()) {
                if (i == parts.length - 1 && i > 0) {
                    continue;
                }
                throw new IllegalArgumentException("empty field in \"" + printable(record) + "\"");
            }
            var m = FIELD.matcher(p);
            if (!m.matches()) {
                throw new IllegalArgumentException("malformed field \"" + printable(p) + "\"");
            }
            if (out.putIfAbsent(m.group(1), m.group(2)) != null) {
                throw new IllegalArgumentException("field " + m.group(1) + " appears twice");
            }
        }
        return out;
    }

    /** Record text for messages: control and non-ASCII bytes escaped, length capped. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
            if (sb.length() > 120) {
                return sb.append("...").toString();
            }
        }
        return sb.toString();
    }
}
