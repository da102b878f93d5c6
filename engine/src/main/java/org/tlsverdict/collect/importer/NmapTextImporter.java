package org.tlsverdict.collect.importer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsDocument;
import org.tlsverdict.facts.FactsFormatException;
import org.tlsverdict.facts.TlsVersion;

/**
 * nmap's normal output ({@code -oN}, or the terminal text people paste into forum posts) with
 * the ssl-enum-ciphers and ssl-cert scripts, from nmap 5.x/6.x ({@code SSLv3} / {@code Ciphers (6)}
 * blocks, {@code - strong} grades) to 7.9x; with or without the {@code Nmap scan report for} line.
 */
public final class NmapTextImporter implements ScanImporter {

    private static final Pattern REPORT = Pattern.compile("Nmap scan report for (\\S+)(?: \\(([^)]+)\\))?");
    private static final Pattern PORT = Pattern.compile("^(\\d+)/(tcp|udp)\\s+(\\S+)(?:\\s+(\\S+))?");
    private static final Pattern VERSION = Pattern.compile("^(?:Starting Nmap|# Nmap) (\\d+\\.\\d+\\S*)");
    /** A script's first line: its id in lower case, then its output or nothing ({@code ssl-cert: Subject: ...}). */
    private static final Pattern SCRIPT = Pattern.compile("^([a-z0-9][a-z0-9_.-]*):(?:\\s.*)?$");
    private static final Pattern SUITE = Pattern.compile("^([A-Za-z0-9_-]+)(?: \\(([^)]*)\\))?(?: - ([A-Za-z ]+))?$");
    /** Area headers inside a version block: {@code ciphers:} (6.47 on) or {@code Ciphers (6)} (6.x and before). */
    private static final Pattern AREA = Pattern.compile("^(ciphers|compressors|warnings)(?::| \\(\\d+\\))$", Pattern.CASE_INSENSITIVE);
    /** Terminal colour and cursor sequences that survive a copy from a terminal. */
    private static final Pattern ESCAPES = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B[()][0-9A-Za-z]|\u001B[=>]|[\\x00-\\x08\\x0B-\\x1F\\x7F]");

    @Override
    public String format() {
        return "nmap-text";
    }

    @Override
    public boolean accepts(String head) {
        return head.contains("ssl-enum-ciphers:") || head.contains("Nmap scan report for") || head.contains("| ssl-cert:");
    }

    @Override
    public List<EndpointFacts> read(byte[] content, String label) throws FactsFormatException {
        return read(content, label, null);
    }

    @Override
    public FactsDocument readDocument(byte[] content, String label, ImportTarget target) throws FactsFormatException {
        return FactsDocument.of(read(content, label, target));
    }

    /** One port's worth of script output while the walk is on it. */
    private static final class PortState {
        final Integer port;
        final NmapScript script = new NmapScript();

        PortState(Integer port) {
            this.port = port;
        }
    }

    List<EndpointFacts> read(byte[] content, String label, ImportTarget target) throws FactsFormatException {
        String text = new String(content, StandardCharsets.UTF_8);
        List<EndpointFacts> out = new ArrayList<>();
        String nmapVersion = null;
        String host = null;
        String ip = null;
        PortState current = null;
        String section = null;
        TlsVersion version = null;
        String area = null;
        int lineNo = 0;
        for (String raw : text.split("\\R")) {
            lineNo++;
            String line = ESCAPES.matcher(raw).replaceAll("").stripTrailing();
            Matcher m = VERSION.matcher(line);
            if (m.find()) {
                nmapVersion = m.group(1);
                continue;
            }
            m = REPORT.matcher(line);
            if (m.find()) {
                flush(out, host, ip, current, nmapVersion, target, label);
                current = null;
                section = null;
                host = m.group(1);
                ip = m.group(2) != null ? m.group(2) : Addresses.isLiteral(host) ? host : null;
                continue;
            }
            m = PORT.matcher(line);
            if (m.find()) {
                flush(out, host, ip, current, nmapVersion, target, label);
                current = new PortState(Integer.parseInt(m.group(1)));
                NmapServices.apply(m.group(4), current.port, current.script);
                section = null;
                continue;
            }
            if (!line.startsWith("|")) {
                continue;
            }
            if (current == null) {
                // A paste of the script block alone: the port comes from --target, or the file is refused at the end.
                current = new PortState(null);
            }
            NmapScript script = current.script;
            String body = line.startsWith("|_") ? line.substring(2) : line.substring(1);
            int indent = body.length() - body.stripLeading().length();
            String item = body.strip();
            if (indent <= 1 && SCRIPT.matcher(item).matches()) {
                section = item.substring(0, item.indexOf(':'));
                version = null;
                area = null;
                if (section.equals("ssl-enum-ciphers")) {
                    script.enumCiphersRan = true;
                } else if (section.equals("ssl-cert")) {
                    certLine(script, item.substring("ssl-cert:".length()).strip(), lineNo);
                }
                continue;
            }
            if ("ssl-cert".equals(section)) {
                certLine(script, item, lineNo);
                continue;
            }
            if (!"ssl-enum-ciphers".equals(section)) {
                continue;
            }
            if (indent <= 3) {
                // Version headers sit at this depth ("TLSv1.2:", or "SSLv3" before 6.47); anything else
                // here ("least strength: A", "Least strength = strong") ends the block.
                String head = item.endsWith(":") ? item.substring(0, item.length() - 1) : item;
                version = TlsVersion.parse(head).orElse(null);
                if (version != null) {
                    script.versions.put(version, new NmapScript.VersionBlock());
                }
                area = null;
                continue;
            }
            if (version == null) {
                continue;
            }
            NmapScript.VersionBlock block = script.versions.get(version);
            Matcher a = AREA.matcher(item);
            if (a.matches()) {
                area = a.group(1).toLowerCase(Locale.ROOT);
            } else if (item.startsWith("cipher preference:")) {
                block.preference = item.substring("cipher preference:".length()).strip();
                area = null;
            } else if (item.startsWith("cipher preference error")) {
                area = null;
            } else if (area == null || "ciphers".equals(area)) {
                // Suites directly under the version (no "ciphers:" level) are suites too.
                Matcher s = SUITE.matcher(item);
                if (s.matches()) {
                    block.suites.add(new NmapScript.Suite(s.group(1), s.group(2), "line " + lineNo + ": " + item));
                } else if (block.unreadLine == null) {
                    block.unreadLine = "line " + lineNo + ": " + item;
                }
            } else if ("warnings".equals(area)) {
                block.warnings.add(item);
            }
        }
        flush(out, host, ip, current, nmapVersion, target, label);
        if (out.isEmpty()) {
            throw new FactsFormatException(label + ": no ssl-enum-ciphers or ssl-cert output on any port");
        }
        return out;
    }

    private static void certLine(NmapScript s, String item, int lineNo) {
        int colon = item.indexOf(':');
        if (colon < 0) {
            return;
        }
        String key = item.substring(0, colon).strip();
        String value = item.substring(colon + 1).strip();
        if (s.certRaw == null) {
            s.certRaw = "line " + lineNo + ": ssl-cert: " + item;
        }
        switch (key) {
            case "Subject" -> s.certSubject = value.replaceFirst("^commonName=", "CN=").split("/")[0];
            case "Subject Alternative Name" -> s.certSans = value;
            case "Public Key type" -> s.certKeyType = value;
            case "Public Key bits" -> s.certKeyBits = NmapScript.parseInt(value);
            case "Signature Algorithm" -> s.certSigAlg = value;
            case "Not valid before" -> s.certNotBefore = value;
            case "Not valid after" -> s.certNotAfter = value;
            default -> {
            }
        }
    }

    /** Ports whose script output is not TLS (ssh-hostkey, http-title, smb-*) are no TLS endpoint. */
    private static void flush(List<EndpointFacts> out, String host, String ip, PortState state, String nmapVersion,
                              ImportTarget target, String label) throws FactsFormatException {
        if (state == null || !state.script.hasTlsOutput()) {
            return;
        }
        Integer port = state.port != null ? state.port : target == null ? null : target.port();
        if (port == null) {
            throw new FactsFormatException(label + ": ssl-enum-ciphers output without a port line (e.g. '443/tcp open https');"
                    + " give --target HOST:PORT");
        }
        boolean hostKnown = host != null || (target != null && target.host() != null);
        String h = host != null ? host : hostKnown ? target.host() : NmapScript.UNKNOWN_HOST;
        String address = host != null ? ip : hostKnown && Addresses.isLiteral(h) ? h : null;
        state.script.nmapVersion = nmapVersion;
        out.add(state.script.toFacts(state.script.endpoint(h, address, port), "nmap", label, hostKnown));
    }
}
