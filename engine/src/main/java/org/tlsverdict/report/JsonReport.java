package org.tlsverdict.report;

import org.tlsverdict.facts.FactsCodec;

/** JSON and YAML share one model; key order is fixed by the records and maps are sorted. */
final class JsonReport {

    private JsonReport() {
    }

    static String json(VerdictReport report) {
        return FactsCodec.toJson(report);
    }

    static String yaml(VerdictReport report) {
        return FactsCodec.toYaml(report);
    }
}
