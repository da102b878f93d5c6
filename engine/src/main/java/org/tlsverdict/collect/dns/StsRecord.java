package org.tlsverdict.collect.dns;

import java.util.List;
import java.util.Map;

/** The {@code _mta-sts} TXT record of RFC 8461 section 3.1: {@code v=STSv1; id=<1-32 alphanumerics>}. */
record StsRecord(String id) {

    static final String PREFIX = "v=STSv1";

    /** Outcome of reading the TXT answer: a record, none, or why it is invalid. */
    record Parsed(StsRecord record, boolean present, String problem) {
    }

    /**
     * Records not starting with {@code v=STSv1} are discarded (section 3.1); none left means no
     * policy, more than one or a malformed one means the domain's record is invalid.
     */
    static Parsed parse(List<String> texts) {
        List<String> sts = texts.stream().filter(t -> t.startsWith(PREFIX)).toList();
        if (sts.isEmpty()) {
            return new Parsed(null, false, null);
        }
        if (sts.size() > 1) {
            return new Parsed(null, true, sts.size() + " TXT records start with v=STSv1; exactly one is allowed");
        }
        Map<String, String> fields;
        try {
            fields = TxtFields.parse(sts.get(0));
        } catch (IllegalArgumentException e) {
            return new Parsed(null, true, "malformed TXT record: " + e.getMessage());
        }
        if (!"STSv1".equals(fields.get("v")) || !fields.keySet().iterator().next().equals("v")) {
            return new Parsed(null, true, "malformed TXT record: v=STSv1 must be the first field");
        }
        String id = fields.get("id");
        if (id == null) {
            return new Parsed(null, true, "malformed TXT record: no id field");
        }
        if (!id.matches("[A-Za-z0-9]{1,32}")) {
            return new Parsed(null, true, "malformed TXT record: id \"" + TxtFields.printable(id) + "\" is not 1 to 32 letters and digits");
        }
        return new Parsed(new StsRecord(id), true, null);
    }
}
