package org.tlsverdict.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.List;
import org.tlsverdict.facts.FactsCodec;
import org.tlsverdict.policy.CompiledPolicy;
import org.tlsverdict.policy.EndpointResult;

/**
 * The JSON report written piece by piece, character for character what {@link JsonReport} writes
 * for the whole: the frame (everything before the first result and after the last) and each result
 * on its own. The report of a big folder is too large to hold whole; written in pieces it can be
 * compared with its golden as it is made, and the pieces rendered on several threads.
 */
public final class JsonReportStream {

    private static final String RESULTS = "\"results\" : [ ";

    /** A result sits in the report's {@code results} array, one level below the top object. */
    private static final ObjectWriter ELEMENT = FactsCodec.json().writer().with(new Nested(1));

    private JsonReportStream() {
    }

    /** {@code head} ends where the first result begins; {@code tail} with no result, and {@code tailAfterResults} after the last. */
    public record Frame(String head, String tail, String tailAfterResults) {

        /** What follows the results written: {@code tail} when there were none. */
        public String tail(boolean anyResult) {
            return anyResult ? tailAfterResults : tail;
        }
    }

    /** The frame of a report with this summary and these input errors (sorted as {@link VerdictReport#of} sorts them). */
    public static Frame frame(CompiledPolicy policy, VerdictReport.Summary summary, List<VerdictReport.InputError> errors) {
        VerdictReport empty = VerdictReport.of(policy, List.of(), errors);
        String whole = JsonReport.json(new VerdictReport(empty.schema(), empty.policy(), empty.scope(), summary, List.of(), empty.errors()));
        int at = whole.indexOf(RESULTS + "]");
        if (at < 0) {
            throw new IllegalStateException("the JSON report has no empty results array to frame: " + whole);
        }
        String head = whole.substring(0, at + RESULTS.length());
        String rest = whole.substring(at + RESULTS.length());
        return new Frame(head, rest, " " + rest);
    }

    /** One result as it appears in the report (UTF-8); results after the first are preceded by {@link #SEPARATOR}. */
    public static byte[] element(EndpointResult r) {
        return new Elements().element(r);
    }

    /**
     * Writes results one after another on one thread, as {@link #element} does; verdicts equal to
     * one it wrote before are copied (see {@link ResultJsonWriter}). Not shared between threads.
     */
    public static final class Elements {
        private final ResultJsonWriter writer = ResultJsonWriter.USABLE ? new ResultJsonWriter() : null;

        public byte[] element(EndpointResult r) {
            return writer != null ? writer.element(r) : jacksonElement(r);
        }
    }

    /** {@link #element} as Jackson writes it: the reference the faster writer is held to. */
    static byte[] jacksonElement(EndpointResult r) {
        try {
            return ELEMENT.writeValueAsBytes(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #element} as Jackson writes it as text (the whole report of {@code --format json} is written so), in UTF-16. */
    static String jacksonElementText(EndpointResult r) {
        try {
            return ELEMENT.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final byte[] SEPARATOR = ", ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The summary counts of some results; summed over all windows they are the report's. */
    public static int[] counts(List<EndpointResult> results) {
        int[] c = new int[6];
        for (EndpointResult r : results) {
            c[0]++;
            for (org.tlsverdict.policy.Verdict v : r.verdicts()) {
                switch (v.status()) {
                    case FAIL -> c[1]++;
                    case INCONCLUSIVE -> c[2]++;
                    case WARN -> c[3]++;
                    case PASS -> c[4]++;
                    case NOT_APPLICABLE -> c[5]++;
                }
            }
        }
        return c;
    }

    public static VerdictReport.Summary summary(int[] counts) {
        return new VerdictReport.Summary(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], null);
    }

    /** Jackson's default layout, starting {@code nesting} levels deep. */
    private static final class Nested extends DefaultPrettyPrinter {
        private final int start;

        Nested(int start) {
            this.start = start;
            this._nesting = start;
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new Nested(start);
        }
    }
}
