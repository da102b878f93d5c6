package org.tlsverdict.collect.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tlsverdict.facts.FactsFormatException;

/**
 * testssl.sh {@code --csvfile} output: a header row ({@code "id","fqdn/ip","port","severity","finding","cve","cwe"})
 * and one quoted row per finding. Read into the findings array of {@code --jsonfile}, so both
 * take the same mapping to facts.
 */
final class TestsslCsv {

    private TestsslCsv() {
    }

    /** Whether the text starts with testssl.sh's CSV header. */
    static boolean looksLikeCsv(String head) {
        String h = head.stripLeading().replace("\uFEFF", "").toLowerCase(Locale.ROOT);
        return h.startsWith("\"id\",\"fqdn/ip\"") || h.startsWith("id,fqdn/ip");
    }

    static ArrayNode findings(String text, String label) throws FactsFormatException {
        List<List<String>> rows = rows(text.replace("\uFEFF", ""), label);
        if (rows.isEmpty()) {
            throw new FactsFormatException(label + ": empty CSV");
        }
        List<String> header = rows.get(0).stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
        int id = header.indexOf("id");
        int ip = header.contains("fqdn/ip") ? header.indexOf("fqdn/ip") : header.indexOf("ip");
        int port = header.indexOf("port");
        int severity = header.indexOf("severity");
        int finding = header.indexOf("finding");
        if (id < 0 || ip < 0 || port < 0 || finding < 0) {
            throw new FactsFormatException(label + ": CSV header lacks id, fqdn/ip, port or finding: " + String.join(",", header));
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (row.size() <= Math.max(Math.max(id, ip), Math.max(port, finding))) {
                throw new FactsFormatException(label + ": CSV row " + (r + 1) + " has " + row.size() + " fields, header has " + header.size());
            }
            ObjectNode f = out.addObject();
            f.put("id", row.get(id));
            f.put("ip", row.get(ip));
            f.put("port", row.get(port));
            f.put("severity", severity >= 0 && severity < row.size() ? row.get(severity) : "");
            f.put("finding", row.get(finding));
        }
        return out;
    }

    /** RFC 4180 fields: quoted fields may hold commas, doubled quotes and line breaks. */
    private static List<List<String>> rows(String text, String label) throws FactsFormatException {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new FactsFormatException(label + ": CSV ends inside a quoted field");
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
