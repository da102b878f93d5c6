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
    /** The one TXT record of a versioned kind: its fields, or none present, or why it cannot be used. */
    record Versioned(Map<String, String> fields, boolean present, String problem) {
    }

    /**
     * Records not starting with {@code v=<version>} are discarded (RFC 8460 section 3, RFC 8461
     * section 3.1); none left means absent, more than one or a malformed one means invalid.
     */
    static Versioned versioned(List<String> texts, String version) {
        String prefix = "v=" + version;
        List<String> matching = texts.stream().filter(t -> t.startsWith(prefix)).toList();
        if (matching.isEmpty()) {
            return new Versioned(null, false, null);
        }
        if (matching.size() > 1) {
            return new Versioned(null, true, matching.size() + " TXT records start with " + prefix + "; exactly one is allowed");
        }
        Map<String, String> fields;
        try {
            fields = parse(matching.get(0));
        } catch (IllegalArgumentException e) {
            return new Versioned(null, true, "malformed TXT record: " + e.getMessage());
        }
        if (!version.equals(fields.get("v")) || !fields.keySet().iterator().next().equals("v")) {
            return new Versioned(null, true, "malformed TXT record: " + prefix + " must be the first field");
        }
        return new Versioned(fields, true, null);
    }

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
