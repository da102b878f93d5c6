package org.tlsverdict.collect.importer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsFormatException;
import org.tlsverdict.facts.TlsVersion;

/**
 * nmap's normal output ({@code -oN}, or the terminal text people paste into forum posts) with
 * the ssl-enum-ciphers and ssl-cert scripts.
 */
public final class NmapTextImporter implements ScanImporter {

    private static final Pattern REPORT = Pattern.compile("^Nmap scan report for (\\S+)(?: \\(([^)]+)\\))?");
    private static final Pattern PORT = Pattern.compile("^(\\d+)/(tcp|udp)\\s+\\S+");
    private static final Pattern SUITE = Pattern.compile("^(\\S+)(?: \\(([^)]*)\\))?(?: - ([A-F]|unknown))?$");

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
        String text = new String(content, StandardCharsets.UTF_8);
        List<EndpointFacts> out = new ArrayList<>();
        String host = null;
        String ip = null;
        Integer port = null;
        NmapScript script = null;
        String section = null;
        TlsVersion version = null;
        String area = null;
        int lineNo = 0;
        for (String raw : text.split("\\R")) {
            lineNo++;
            String line = raw.stripTrailing();
            Matcher m = REPORT.matcher(line);
            if (m.find()) {
                flush(out, host, ip, port, script, label);
                script = null;
                port = null;
                host = m.group(1);
                ip = m.group(2) != null ? m.group(2) : m.group(1);
                continue;
            }
            m = PORT.matcher(line);
            if (m.find()) {
                flush(out, host, ip, port, script, label);
                script = null;
                port = Integer.parseInt(m.group(1));
                continue;
            }
            if (!line.startsWith("|") || port == null) {
                continue;
            }
            String body = line.startsWith("|_") ? line.substring(2) : line.substring(1);
            int indent = body.length() - body.stripLeading().length();
            String item = body.strip();
            if (indent <= 1 && item.endsWith(":") && !item.contains(": ")) {
                section = item.substring(0, item.length() - 1);
                if (script == null) {
                    script = new NmapScript();
                }
                if (section.equals("ssl-enum-ciphers")) {
                    script.enumCiphersRan = true;
                }
                version = null;
                area = null;
                continue;
            }
            if (script == null) {
                script = new NmapScript();
            }
            if (indent <= 1 && item.startsWith("ssl-cert:")) {
                section = "ssl-cert";
                certLine(script, item.substring("ssl-cert:".length()).strip(), label, lineNo);
                continue;
            }
            if ("ssl-cert".equals(section)) {
                certLine(script, item, label, lineNo);
                continue;
            }
            if (!"ssl-enum-ciphers".equals(section)) {
                continue;
            }
            if (indent <= 3) {
                // Version headers sit at this depth; anything else here ("least strength: A") ends the block.
                version = item.endsWith(":") ? TlsVersion.parse(item.substring(0, item.length() - 1)).orElse(null) : null;
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
            if (item.endsWith(":")) {
                area = item.substring(0, item.length() - 1);
            } else if (item.startsWith("cipher preference:")) {
                block.preference = item.substring("cipher preference:".length()).strip();
                area = null;
            } else if ("ciphers".equals(area)) {
                Matcher s = SUITE.matcher(item);
                if (!s.matches()) {
                    throw new FactsFormatException(label + ": line " + lineNo + ": cannot read cipher line '" + item + "'");
                }
                block.suites.add(new NmapScript.Suite(s.group(1), s.group(2), "line " + lineNo + ": " + item));
            } else if ("warnings".equals(area)) {
                block.warnings.add(item);
            }
        }
        flush(out, host, ip, port, script, label);
        if (out.isEmpty()) {
            throw new FactsFormatException(label + ": no 'Nmap scan report for' with ssl-enum-ciphers or ssl-cert output");
        }
        return out;
    }

    private static void certLine(NmapScript s, String item, String label, int lineNo) {
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

    private static void flush(List<EndpointFacts> out, String host, String ip, Integer port, NmapScript script, String label)
            throws FactsFormatException {
        if (script == null || port == null) {
            return;
        }
        if (host == null) {
            throw new FactsFormatException(label + ": port " + port + " appears before any 'Nmap scan report for HOST' line");
        }
        out.add(script.toFacts(new Endpoint(host, ip, port, null, null), "nmap", label));
    }
}
