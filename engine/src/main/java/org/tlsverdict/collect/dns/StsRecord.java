package org.tlsverdict.collect.dns;

import java.util.List;
import java.util.Map;

/** The {@code _mta-sts} TXT record of RFC 8461 section 3.1: {@code v=STSv1; id=<1-32 alphanumerics>}. */
record StsRecord(String id) {

    /** Outcome of reading the TXT answer: a record, none, or why it is invalid. */
    record Parsed(StsRecord record, boolean present, String problem) {
    }

    /**
     * Records not starting with {@code v=STSv1} are discarded (section 3.1); none left means no
     * policy, more than one or a malformed one means the domain's record is invalid.
     */
    static Parsed parse(List<String> texts) {
        TxtFields.Versioned v = TxtFields.versioned(texts, "STSv1");
        if (v.fields() == null) {
            return new Parsed(null, v.present(), v.problem());
        }
        Map<String, String> fields = v.fields();
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
