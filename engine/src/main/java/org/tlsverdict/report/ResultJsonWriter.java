package org.tlsverdict.report;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.policy.CollectHint;
import org.tlsverdict.policy.EndpointResult;
import org.tlsverdict.policy.Evidence;
import org.tlsverdict.policy.Verdict;

/**
 * Writes one result of the JSON report byte for byte as {@link JsonReportStream#jacksonElement}
 * does (Jackson's default pretty printer one level deep, UTF-8, the records' key order, null keys
 * left out where the records say so), without Jackson's bean machinery: a replay over many small
 * files renders about 12 KB per endpoint, and Jackson's reflective serialization was the largest
 * part of its time. A verdict equal to one already written by the same writer (the verdicts of
 * alike endpoints are mostly equal: same criterion, message, hints, evidence) is copied from the
 * bytes written then, with the evidence's file name written in place of the one it had there when
 * that is all that differs; rendering is a function of the verdict's value alone and each value is
 * written where it was, so the copy is exact.
 *
 * <p>Used only while the records still have the components this writer knows ({@link #USABLE});
 * a component added, removed or renamed sends every result back to Jackson. ResultJsonWriterTest
 * compares the two on varied and odd results (nulls, empty lists, control characters, unicode
 * inside and outside the BMP, lone surrogates, long values).
 */
final class ResultJsonWriter {

    /** Whether the records are shaped as this writer expects (checked once). */
    static final boolean USABLE = shaped(EndpointResult.class, "endpoint", "domain", "source", "status", "verdicts")
            && shaped(Endpoint.class, "host", "ip", "port", "service", "transport")
            && shaped(Verdict.class, "criterion", "title", "level", "status", "message", "expected", "evidence", "rules", "collect")
            && shaped(Evidence.class, "observed", "collector", "source", "raw")
            && shaped(CollectHint.class, "fact", "how");

    /** Verdicts written before are kept up to this many, then forgotten all at once (bounds memory). */
    private static final int MAX_KEPT = 4096;
    /** Nesting of a result in the report: one level below the top object (JsonReportStream's Nested(1)). */
    private static final int RESULT_LEVEL = 1;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Map<Shape, Template> written = new HashMap<>();
    /** In {@link #written}: a verdict written once, whose bytes were not kept. */
    private static final Template SEEN_ONCE = new Template(new byte[0], new int[0]);

    /**
     * A verdict's bytes with the places of its evidence's file name marked: {@code holes} holds,
     * for each evidence entry with a source, where its quoted source starts and ends.
     */
    private record Template(byte[] bytes, int[] holes) {
    }

    /**
     * A verdict written before, found again by value ({@link Verdict#equals}) but for the file its
     * evidence was read from: a folder of one-endpoint files gives alike endpoints verdicts that
     * differ in that name only. Only verdicts whose evidence names one file at most (and any number
     * of entries without a source) have a shape; the others are written afresh each time. The hash
     * is taken from the identities of the verdict's parts, which costs nothing, where the record's
     * own hash would read every text of it: alike endpoints share their verdicts' parts (the same
     * messages, rules, hints, observed texts), and an equal verdict built from other parts is merely
     * not found, never mistaken.
     */
    private static final class Shape {
        private final Verdict verdict;
        private final int hash;

        private Shape(Verdict v, int hash) {
            this.verdict = v;
            this.hash = hash;
        }

        /** The shape of {@code v}, or null when its evidence names more than one file. */
        static Shape of(Verdict v) {
            int h = System.identityHashCode(v.criterion());
            h = h * 31 + System.identityHashCode(v.message());
            h = h * 31 + System.identityHashCode(v.rules());
            h = h * 31 + System.identityHashCode(v.collect());
            h = h * 31 + System.identityHashCode(v.status());
            List<Evidence> evidence = v.evidence();
            if (evidence != null) {
                String source = null;
                h = h * 31 + evidence.size();
                for (Evidence e : evidence) {
                    if (e == null) {
                        h = h * 31 + 1;
                        continue;
                    }
                    if (e.source() != null) {
                        if (source == null) {
                            source = e.source();
                        } else if (!source.equals(e.source())) {
                            return null;
                        }
                    }
                    h = h * 31 + System.identityHashCode(e.observed());
                    h = h * 31 + System.identityHashCode(e.collector());
                    h = h * 31 + System.identityHashCode(e.raw());
                    h = h * 31 + (e.source() == null ? 2 : 3);
                }
            } else {
                h = h * 31 - 1;
            }
            return new Shape(v, h);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Shape s) || s.hash != hash) {
                return false;
            }
            Verdict a = verdict;
            Verdict b = s.verdict;
            return Objects.equals(a.criterion(), b.criterion()) && Objects.equals(a.title(), b.title())
                    && Objects.equals(a.level(), b.level()) && a.status() == b.status()
                    && Objects.equals(a.message(), b.message()) && Objects.equals(a.expected(), b.expected())
                    && Objects.equals(a.rules(), b.rules()) && Objects.equals(a.collect(), b.collect())
                    && sameButSource(a.evidence(), b.evidence());
        }

        /** Equal lists but for the sources, which are null in both or set in both. */
        private static boolean sameButSource(List<Evidence> a, List<Evidence> b) {
            if (a == null || b == null) {
                return a == b;
            }
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                Evidence x = a.get(i);
                Evidence y = b.get(i);
                if (x == null || y == null) {
                    if (x != y) {
                        return false;
                    }
                } else if (!Objects.equals(x.observed(), y.observed()) || !Objects.equals(x.collector(), y.collector())
                        || !Objects.equals(x.raw(), y.raw()) || (x.source() == null) != (y.source() == null)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Verdicts written from a template with another file name (see {@link #fill}); tests read it. */
    long filled;

    /** While a verdict is written: where its evidence sources are in {@link #buf} (start, end pairs). */
    private int[] holes = new int[16];
    private int holeCount;

    private byte[] buf = new byte[16 * 1024];
    private int size;

    static boolean shaped(Class<? extends Record> type, String... names) {
        RecordComponent[] components = type.getRecordComponents();
        return Arrays.equals(Arrays.stream(components).map(RecordComponent::getName).toArray(String[]::new), names);
    }

    /** One result, as the report holds it. */
    byte[] element(EndpointResult r) {
        size = 0;
        result(r);
        return Arrays.copyOf(buf, size);
    }

    private void result(EndpointResult r) {
        int level = RESULT_LEVEL;
        raw('{');
        boolean any = false;
        if (r.endpoint() != null) {
            any = key(any, level, "endpoint");
            endpoint(r.endpoint(), level + 1);
        }
        if (r.domain() != null) {
            any = key(any, level, "domain");
            string(r.domain());
        }
        if (r.source() != null) {
            any = key(any, level, "source");
            string(r.source());
        }
        if (r.status() != null) {
            any = key(any, level, "status");
            string(r.status().toString());
        }
        if (r.verdicts() != null) {
            any = key(any, level, "verdicts");
            raw('[');
            int n = 0;
            for (Verdict v : r.verdicts()) {
                raw(n++ == 0 ? " " : ", ");
                if (v == null) {
                    ascii("null");
                } else {
                    verdict(v, level + 1);
                }
            }
            raw(" ]");
        }
        end(any, level);
    }

    private void endpoint(Endpoint e, int level) {
        raw('{');
        boolean any = false;
        if (e.host() != null) {
            any = key(any, level, "host");
            string(e.host());
        }
        if (e.ip() != null) {
            any = key(any, level, "ip");
            string(e.ip());
        }
        any = key(any, level, "port");
        ascii(Integer.toString(e.port()));
        if (e.service() != null) {
            any = key(any, level, "service");
            string(e.service().toString());
        }
        if (e.transport() != null) {
            any = key(any, level, "transport");
            string(e.transport().toString());
        }
        end(any, level);
    }

    private void verdict(Verdict v, int level) {
        Shape shape = Shape.of(v);
        Template before = shape == null ? null : written.get(shape);
        if (before != null && before != SEEN_ONCE) {
            fill(before, v);
            return;
        }
        int start = size;
        holeCount = 0;
        raw('{');
        boolean any = false;
        any = optionalString(any, level, "criterion", v.criterion());
        any = optionalString(any, level, "title", v.title());
        any = optionalString(any, level, "level", v.level());
        if (v.status() != null) {
            any = key(any, level, "status");
            string(v.status().toString());
        }
        any = optionalString(any, level, "message", v.message());
        any = optionalString(any, level, "expected", v.expected());
        if (v.evidence() != null) {
            any = key(any, level, "evidence");
            raw('[');
            int n = 0;
            for (Evidence e : v.evidence()) {
                raw(n++ == 0 ? " " : ", ");
                if (e == null) {
                    ascii("null");
                } else {
                    evidence(e, level + 1);
                }
            }
            raw(" ]");
        }
        if (v.rules() != null) {
            any = key(any, level, "rules");
            strings(v.rules());
        }
        if (v.collect() != null) {
            any = key(any, level, "collect");
            raw('[');
            int n = 0;
            for (CollectHint h : v.collect()) {
                raw(n++ == 0 ? " " : ", ");
                if (h == null) {
                    ascii("null");
                } else {
                    hint(h, level + 1);
                }
            }
            raw(" ]");
        }
        end(any, level);
        if (shape == null) {
            return;
        }
        if (written.size() >= MAX_KEPT) {
            written.clear();
        }
        // Most verdicts are met once only when their evidence is unlike any other's: their bytes
        // are kept only when the verdict's shape comes a second time, sparing a copy of each unique one.
        Template kept = SEEN_ONCE;
        if (before != null) {
            int[] at = Arrays.copyOf(holes, holeCount);
            for (int i = 0; i < at.length; i++) {
                at[i] -= start;
            }
            kept = new Template(Arrays.copyOfRange(buf, start, size), at);
        }
        written.put(shape, kept);
    }

    /**
     * Writes a verdict from the bytes of one of the same shape: its bytes up to each evidence
     * source, then that source as this verdict's evidence names it (one file for all its entries).
     */
    private void fill(Template t, Verdict v) {
        String source = null;
        for (Evidence e : v.evidence() == null ? List.<Evidence>of() : v.evidence()) {
            if (e != null && e.source() != null) {
                source = e.source();
                break;
            }
        }
        filled++;
        byte[] b = t.bytes();
        int[] at = t.holes();
        int from = 0;
        for (int i = 0; i < at.length; i += 2) {
            bytes(b, from, at[i]);
            string(source);
            from = at[i + 1];
        }
        bytes(b, from, b.length);
    }

    private void evidence(Evidence e, int level) {
        raw('{');
        boolean any = false;
        any = optionalString(any, level, "observed", e.observed());
        any = optionalString(any, level, "collector", e.collector());
        if (e.source() != null) {
            any = key(any, level, "source");
            if (holeCount + 2 > holes.length) {
                holes = Arrays.copyOf(holes, 2 * holes.length);
            }
            holes[holeCount++] = size;
            string(e.source());
            holes[holeCount++] = size;
        }
        any = optionalString(any, level, "raw", e.raw());
        end(any, level);
    }

    /** CollectHint has no @JsonInclude: its null values are written as null. */
    private void hint(CollectHint h, int level) {
        raw('{');
        key(false, level, "fact");
        nullableString(h.fact());
        key(true, level, "how");
        nullableString(h.how());
        end(true, level);
    }

    private void strings(List<String> list) {
        raw('[');
        int n = 0;
        for (String s : list) {
            raw(n++ == 0 ? " " : ", ");
            nullableString(s);
        }
        raw(" ]");
    }

    private boolean optionalString(boolean any, int level, String key, String value) {
        if (value == null) {
            return any;
        }
        key(any, level, key);
        string(value);
        return true;
    }

    /** Starts a key of an object at {@code level} (the object's own nesting); returns true. */
    private boolean key(boolean notFirst, int level, String key) {
        if (notFirst) {
            raw(',');
        }
        indent(level + 1);
        raw('"');
        ascii(key);
        ascii("\" : ");
        return true;
    }

    private void end(boolean any, int level) {
        if (any) {
            indent(level);
        } else {
            raw(' ');
        }
        raw('}');
    }

    private void indent(int level) {
        ensure(1 + 2 * level);
        buf[size++] = '\n';
        for (int i = 0; i < 2 * level; i++) {
            buf[size++] = ' ';
        }
    }

    private void nullableString(String s) {
        if (s == null) {
            ascii("null");
        } else {
            string(s);
        }
    }

    /**
     * A JSON string as Jackson's UTF-8 generator writes it: {@code "} and {@code \} escaped, control
     * characters as backslash b, t, n, f, r or backslash-u and four hex digits, every surrogate
     * (paired or not) as backslash-u and its four hex digits, everything else in UTF-8: the one
     * encoding of every JSON text of ours ({@code facts.SurrogateEscapes} makes Jackson's text
     * generator write surrogates so too).
     */
    private void string(String s) {
        if (plainAscii(s)) {
            return;
        }
        int n = s.length();
        ensure(2 + 6L * n);
        byte[] b = buf;
        int p = size;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[p++] = (byte) c;
                } else {
                    b[p++] = '\\';
                    switch (c) {
                        case '"' -> b[p++] = '"';
                        case '\\' -> b[p++] = '\\';
                        case '\b' -> b[p++] = 'b';
                        case '\t' -> b[p++] = 't';
                        case '\n' -> b[p++] = 'n';
                        case '\f' -> b[p++] = 'f';
                        case '\r' -> b[p++] = 'r';
                        default -> p = hex4(b, p, c);
                    }
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b[p++] = '\\';
                p = hex4(b, p, c);
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[p++] = '"';
        size = p;
    }

    /**
     * Writes {@code s} quoted when it is printable ASCII with nothing to escape, the common case,
     * from its bytes in ISO-8859-1 (for most strings a copy of the String's own bytes, much quicker
     * than a loop over characters); false, writing nothing, otherwise. The encoder turns every
     * character above 0xFF into {@code ?}, so a {@code ?} sends the string to the loop over
     * characters too, as do bytes at or above 0x80, control characters, quotes and backslashes.
     */
    private boolean plainAscii(String s) {
        byte[] latin1 = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (byte c : latin1) {
            if (NOT_PLAIN[c & 0xFF]) {
                return false;
            }
        }
        ensure(2L + latin1.length);
        buf[size++] = '"';
        System.arraycopy(latin1, 0, buf, size, latin1.length);
        size += latin1.length;
        buf[size++] = '"';
        return true;
    }

    /** Bytes {@link #plainAscii} does not copy as they are. */
    private static final boolean[] NOT_PLAIN = new boolean[256];

    static {
        for (int b = 0; b < 256; b++) {
            NOT_PLAIN[b] = b < 0x20 || b >= 0x80 || b == '"' || b == '\\' || b == '?';
        }
    }

    /** The letter u and four upper-case hex digits (the backslash is written already). */
    private static int hex4(byte[] b, int p, char c) {
        b[p++] = 'u';
        b[p++] = HEX[(c >> 12) & 0xF];
        b[p++] = HEX[(c >> 8) & 0xF];
        b[p++] = HEX[(c >> 4) & 0xF];
        b[p++] = HEX[c & 0xF];
        return p;
    }

    /** Text known to need no escaping (keys, numbers, null). */
    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) s.charAt(i);
        }
    }

    private void raw(char c) {
        ensure(1);
        buf[size++] = (byte) c;
    }

    private void raw(String s) {
        ascii(s);
    }

    private void bytes(byte[] b, int from, int to) {
        ensure(to - from);
        System.arraycopy(b, from, buf, size, to - from);
        size += to - from;
    }

    private void ensure(long more) {
        long need = size + more;
        if (need > buf.length) {
            if (need > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("a result of more than 2 GB cannot be written");
            }
            buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(2L * buf.length, need)));
        }
    }
}
