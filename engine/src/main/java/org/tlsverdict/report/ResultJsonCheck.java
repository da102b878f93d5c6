package org.tlsverdict.report;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import org.tlsverdict.policy.EndpointResult;

/**
 * Holds the fast writer of the JSON report's results ({@link ResultJsonWriter}: plain
 * {@code replay} and its goldens) to Jackson's two ways of writing the same result (bytes, and
 * text as {@code evaluate}/{@code replay --format json} write it), for {@code tlsverdict test}:
 * every case's result of a user's policy, with its own titles, messages and evidence, must come
 * out byte for byte alike, or the case fails. One check per policy run, so verdicts met again are
 * copied from the bytes written before, as replay copies them.
 */
public final class ResultJsonCheck implements Function<EndpointResult, String> {

    private final Function<EndpointResult, byte[]> fast;

    public ResultJsonCheck() {
        this(new JsonReportStream.Elements()::element);
    }

    /** {@code fast}: the writer held to Jackson (tests give a broken one). */
    ResultJsonCheck(Function<EndpointResult, byte[]> fast) {
        this.fast = fast;
    }

    /** Null when the writers agree on {@code r}, else where they first differ. */
    @Override
    public String apply(EndpointResult r) {
        byte[] ours = fast.apply(r);
        byte[] bytes = JsonReportStream.jacksonElement(r);
        byte[] text = JsonReportStream.jacksonElementText(r).getBytes(StandardCharsets.UTF_8);
        String d = difference("the fast writer (plain replay, goldens)", ours, "Jackson", bytes);
        if (d == null) {
            d = difference("Jackson as bytes", bytes, "Jackson as text (--format json)", text);
        }
        return d == null ? null : "the JSON report writes this case's result in two ways: " + d;
    }

    private static String difference(String aName, byte[] a, String bName, byte[] b) {
        int at = Arrays.mismatch(a, b);
        if (at < 0) {
            return null;
        }
        return "at byte " + at + ", " + aName + " writes '" + excerpt(a, at) + "' and " + bName + " '" + excerpt(b, at) + "'";
    }

    /** Up to 40 bytes from a little before {@code at}, printable ASCII as it is, other bytes as \xNN (one line). */
    private static String excerpt(byte[] b, int at) {
        StringBuilder s = new StringBuilder();
        for (int i = Math.max(0, at - 16); i < Math.min(b.length, at + 24); i++) {
            int c = b[i] & 0xFF;
            s.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02X", c));
        }
        return s.toString();
    }
}
