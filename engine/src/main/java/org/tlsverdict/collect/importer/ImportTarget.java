package org.tlsverdict.collect.importer;

import org.tlsverdict.facts.FactsFormatException;

/**
 * What the user says was scanned ({@code --target HOST:PORT}), for output that does not say it
 * itself, such as an nmap paste without its {@code Nmap scan report for} line. It fills only what
 * the file leaves out; a host or port the file states wins.
 */
public record ImportTarget(String host, Integer port) {

    /** "mail.example:25", "192.0.2.1:465", "[2001:db8::1]:993"; a bare host leaves the port to the file. */
    public static ImportTarget parse(String text) throws FactsFormatException {
        if (text == null || text.isBlank()) {
            throw new FactsFormatException("--target: empty (expected HOST:PORT)");
        }
        String t = text.trim();
        String host = t;
        Integer port = null;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new FactsFormatException("--target '" + text + "': unclosed '['");
            }
            host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (rest.startsWith(":")) {
                port = port(rest.substring(1), text);
            } else if (!rest.isEmpty()) {
                throw new FactsFormatException("--target '" + text + "': expected [ADDRESS]:PORT");
            }
        } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            host = t.substring(0, t.indexOf(':'));
            port = port(t.substring(t.indexOf(':') + 1), text);
        }
        if (host.isBlank()) {
            throw new FactsFormatException("--target '" + text + "': no host");
        }
        return new ImportTarget(host, port);
    }

    private static int port(String s, String text) throws FactsFormatException {
        try {
            int p = Integer.parseInt(s);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new FactsFormatException("--target '" + text + "': '" + s + "' is not a TCP port");
    }
}
