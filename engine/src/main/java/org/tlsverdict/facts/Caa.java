package org.tlsverdict.facts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The CAA answer for a name: in a facts file either a list of records (empty when there are none)
 * or the string {@code unknown} when the lookup failed. Null records mean unknown.
 */
public record Caa(List<CaaRecord> records) {

    public static final String UNKNOWN_LABEL = "unknown";
    public static final Caa UNKNOWN = new Caa(null);
    private static final ObjectMapper READER = JsonMapper.builder().build();

    public Caa {
        records = records == null ? null : List.copyOf(records);
    }

    public boolean known() {
        return records != null;
    }

    public boolean present() {
        return records != null && !records.isEmpty();
    }

    @JsonValue
    Object json() {
        return records == null ? UNKNOWN_LABEL : records;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Caa fromJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return UNKNOWN;
        }
        if (node.isTextual()) {
            if (!UNKNOWN_LABEL.equals(node.textValue())) {
                throw new IllegalArgumentException("caa is '" + node.textValue() + "', expected a list of records or 'unknown'");
            }
            return UNKNOWN;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("caa must be a list of records or 'unknown'");
        }
        List<CaaRecord> out = new ArrayList<>();
        for (JsonNode r : node) {
            for (var it = r.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!List.of("name", "flags", "tag", "value").contains(key)) {
                    throw new IllegalArgumentException("caa record: unknown key '" + key + "'");
                }
            }
            out.add(READER.convertValue(r, CaaRecord.class));
        }
        return new Caa(out);
    }
}
