package org.tlsverdict.collect.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tlsverdict.facts.DomainFacts;

/**
 * An MTA-STS policy file (RFC 8461 section 3.2): {@code version: STSv1}, {@code mode},
 * {@code max_age} (seconds, at most 31557600) and one {@code mx} line per pattern; unknown fields
 * are ignored, and for a repeated field other than mx the first occurrence counts.
 */
record StsPolicy(String version, String mode, Long maxAge, List<String> mx) {

    static final long MAX_AGE_LIMIT = 31_557_600L;
    private static final Pattern LINE = Pattern.compile("([A-Za-z0-9_-]{1,32}):[ \\t]*(.*?)[ \\t]*");
    private static final Pattern PATTERN = Pattern.compile("(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*"
            + "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?");

    /** The parse result: the policy, and what is wrong with it (null when valid). Mode is kept whenever read. */
    record Parsed(StsPolicy policy, String problem) {
    }

    static Parsed parse(String text) {
        Map<String, String> first = new LinkedHashMap<>();
        List<String> mx = new ArrayList<>();
        String[] lines = text.split("\r\n|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                return new Parsed(partial(first, mx), "policy line " + (i + 1) + " is not \"key: value\": \""
                        + TxtFields.printable(line) + "\"");
            }
            String key = m.group(1).toLowerCase(Locale.ROOT);
            if (key.equals("mx")) {
                mx.add(m.group(2));
            } else {
                first.putIfAbsent(key, m.group(2));
            }
        }
        StsPolicy p = partial(first, mx);
        if (!"STSv1".equals(p.version())) {
            return new Parsed(p, p.version() == null ? "policy has no version field" : "policy version is \""
                    + TxtFields.printable(p.version()) + "\", not STSv1");
        }
        if (p.mode() == null) {
            return new Parsed(p, "policy has no mode field");
        }
        if (!List.of("enforce", "testing", "none").contains(p.mode())) {
            return new Parsed(p, "policy mode \"" + TxtFields.printable(p.mode()) + "\" is not enforce, testing or none");
        }
        String age = first.get("max_age");
        if (age == null) {
            return new Parsed(p, "policy has no max_age field");
        }
        if (p.maxAge() == null || p.maxAge() > MAX_AGE_LIMIT) {
            return new Parsed(p, "policy max_age \"" + TxtFields.printable(age) + "\" is not a number of seconds up to " + MAX_AGE_LIMIT);
        }
        if (mx.isEmpty() && !p.mode().equals("none")) {
            return new Parsed(p, "policy has no mx field");
        }
        for (String pattern : mx) {
            if (!PATTERN.matcher(pattern).matches()) {
                return new Parsed(p, "policy mx \"" + TxtFields.printable(pattern) + "\" is not a host name or *.domain pattern");
            }
        }
        return new Parsed(p, null);
    }

    private static StsPolicy partial(Map<String, String> first, List<String> mx) {
        String age = first.get("max_age");
        Long maxAge = age != null && age.matches("[0-9]{1,10}") ? Long.valueOf(age) : null;
        return new StsPolicy(first.get("version"), first.get("mode"), maxAge, List.copyOf(mx));
    }

    /** Whether {@code host} matches a pattern: exactly, or "*.d" matching one leftmost label (section 4.1). */
    static boolean matches(String pattern, String host) {
        String p = DomainFacts.normalize(pattern);
        String h = DomainFacts.normalize(host);
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot + 1).equals(p.substring(2));
        }
        return p.equals(h);
    }

    /** The MX hosts that match none of the patterns. */
    List<String> unmatched(List<String> hosts) {
        return hosts.stream().filter(h -> mx.stream().noneMatch(p -> matches(p, h))).toList();
    }
}
