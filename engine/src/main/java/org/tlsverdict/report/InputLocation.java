package org.tlsverdict.report;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tlsverdict.policy.Evidence;

/**
 * Where in an input file a verdict's evidence was read: the URI of the file relative to the
 * working folder (percent-encoded), and the line of the first evidence whose raw scanner line can
 * be found in it. The importers keep raw lines as they read them (nmap text says "line N:",
 * testssl.sh names the finding id, XML keeps the element's attributes), so each shape is looked
 * up its own way; a raw line that cannot be found gives no line rather than a wrong one.
 */
final class InputLocation {

    /** Inputs larger than this are not read again for line numbers. */
    private static final long MAX_BYTES = 32L * 1024 * 1024;
    private static final Pattern NMAP_LINE = Pattern.compile("^line (\\d+): ");
    private static final Pattern TESTSSL_ID = Pattern.compile("^id=(\\S+) ");
    private static final Pattern XML_ATTRIBUTE = Pattern.compile("[\\w:-]+=\"[^\"]*\"");
    private static final Pattern ELEMENT = Pattern.compile("^<[^>]+>[^<]*</[^>]+>");
    private static final Pattern NMAP_TABLE = Pattern.compile("^ssl-enum-ciphers: (\\S+) table$");
    private static final Pattern LABELLED = Pattern.compile("^[\\w-]+: (.+)$");

    private final Map<String, List<String>> lines = new ConcurrentHashMap<>();

    /**
     * {@code source} as a relative URI reference: relative paths stay relative (separators as '/'),
     * absolute ones inside the working folder become relative to it, others a {@code file:} URI.
     */
    static String uri(String source) {
        Path p;
        try {
            p = Path.of(source);
        } catch (InvalidPathException e) {
            return encode(source.replace('\\', '/'));
        }
        if (p.isAbsolute()) {
            Path cwd = Path.of("").toAbsolutePath();
            if (!p.normalize().startsWith(cwd)) {
                return p.normalize().toUri().toASCIIString();
            }
            p = cwd.relativize(p.normalize());
        }
        String rel = p.normalize().toString().replace('\\', '/');
        // A first segment with ':' would read as a URI scheme.
        if (rel.indexOf(':') >= 0 && (rel.indexOf('/') < 0 || rel.indexOf(':') < rel.indexOf('/'))) {
            rel = "./" + rel;
        }
        return encode(rel);
    }

    private static String encode(String path) {
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            return path.replace("%", "%25").replace(" ", "%20");
        }
    }

    /** The 1-based line of {@code source} where the first findable raw line of {@code evidence} stands, or null. */
    Integer line(String source, List<Evidence> evidence) {
        for (Evidence e : evidence) {
            if (e.raw() == null || e.raw().isBlank()) {
                continue;
            }
            Matcher n = NMAP_LINE.matcher(e.raw());
            if (n.find()) {
                return Integer.valueOf(n.group(1));
            }
            Integer found = find(read(source), e.raw());
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    static Integer find(List<String> text, String raw) {
        if (text.isEmpty()) {
            return null;
        }
        List<List<String>> candidates = new ArrayList<>();
        Matcher id = TESTSSL_ID.matcher(raw);
        if (id.find()) {
            candidates.add(List.of("\"id\"", "\"" + id.group(1) + "\""));
        }
        Matcher element = ELEMENT.matcher(raw);
        if (element.find()) {
            candidates.add(List.of(element.group()));
        }
        Matcher table = NMAP_TABLE.matcher(raw);
        if (table.find()) {
            candidates.add(List.of("|   " + table.group(1) + ":"));
            candidates.add(List.of("key=\"" + table.group(1) + "\""));
        }
        candidates.add(List.of(raw.strip()));
        candidates.add(List.of(raw.strip().replace("\\", "\\\\").replace("\"", "\\\"")));
        Matcher labelled = LABELLED.matcher(raw.strip());
        if (labelled.find()) {
            // nmap's "warnings: <text>": the text stands alone on its line
            candidates.add(List.of(labelled.group(1)));
        }
        List<String> attributes = new ArrayList<>();
        Matcher a = XML_ATTRIBUTE.matcher(raw);
        while (a.find()) {
            attributes.add(a.group());
        }
        if (raw.startsWith("<") && !attributes.isEmpty()) {
            candidates.add(attributes);
        }
        for (List<String> parts : candidates) {
            for (int i = 0; i < text.size(); i++) {
                String line = text.get(i);
                if (parts.stream().allMatch(line::contains)) {
                    return i + 1;
                }
            }
        }
        return null;
    }

    private List<String> read(String source) {
        return lines.computeIfAbsent(source, s -> {
            try {
                Path p = Path.of(s);
                if (!Files.isRegularFile(p) || Files.size(p) > MAX_BYTES) {
                    return List.of();
                }
                return new String(Files.readAllBytes(p), StandardCharsets.UTF_8).lines().toList();
            } catch (IOException | InvalidPathException e) {
                return List.of();
            }
        });
    }
}
