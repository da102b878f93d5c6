package org.tlsverdict.collect.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.tlsverdict.collect.HardenedXml;
import org.tlsverdict.facts.MailService;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The servers of a Mozilla autoconfig document ({@code clientConfig version 1.1}): every
 * {@code incomingServer} (imap, pop3) and {@code outgoingServer} (smtp) with hostname, port and
 * socketType, in document order (the order is the provider's preference). A document type
 * declaration of any kind is refused before parsing, so no entity can expand and nothing external
 * is read; the parser is configured safely as well.
 */
final class AutoconfigDocument {

    /** One server entry; {@code plain} when the document tells clients to use no TLS at all. */
    record Server(MailService service, String host, int port, boolean plain, String socketType) {
    }

    /** The servers, and the entries that were skipped with why (one line each). */
    record Parsed(List<Server> servers, List<String> skipped) {
    }

    private static final DocumentBuilderFactory FACTORY = HardenedXml.factory(true);

    private AutoconfigDocument() {
    }


    /** Parses {@code text}; IOException with a one-line reason when it is refused or not an autoconfig document. */
    static Parsed parse(String text, String domain) throws IOException {
        if (text.contains("<!DOCTYPE") || text.contains("<!ENTITY")) {
            throw new IOException("autoconfig XML with a document type or entity declaration is refused (no entity expansion, nothing external)");
        }
        Document doc;
        try {
            DocumentBuilder b = HardenedXml.builder(FACTORY);
            doc = b.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (SAXException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
            throw new IOException("autoconfig XML does not parse: " + m);
        } catch (ParserConfigurationException e) {
            throw new IOException("XML parser setup failed: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!"clientConfig".equals(root.getTagName())) {
            throw new IOException("not an autoconfig document: root element is <" + root.getTagName() + ">, not <clientConfig>");
        }
        List<Server> servers = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Element provider : children(root, "emailProvider")) {
            for (Node n = provider.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && (e.getTagName().equals("incomingServer") || e.getTagName().equals("outgoingServer"))) {
                    server(e, domain, servers, skipped);
                }
            }
        }
        return new Parsed(List.copyOf(servers), List.copyOf(skipped));
    }

    private static void server(Element e, String domain, List<Server> out, List<String> skipped) {
        String type = e.getAttribute("type").toLowerCase(Locale.ROOT);
        String host = text(e, "hostname");
        String portText = text(e, "port");
        String socket = text(e, "socketType");
        String what = "<" + e.getTagName() + " type=\"" + type + "\"> " + host + ":" + portText;
        if (host == null || portText == null || socket == null) {
            skipped.add(what + ": hostname, port or socketType missing");
            return;
        }
        host = host.replace("%EMAILDOMAIN%", domain).trim();
        if (!host.matches("[A-Za-z0-9._-]{1,253}")) {
            skipped.add(what + ": hostname is not a host name");
            return;
        }
        int port;
        try {
            port = Integer.parseInt(portText.trim());
        } catch (NumberFormatException ex) {
            skipped.add(what + ": port is not a number");
            return;
        }
        if (port < 1 || port > 65535) {
            skipped.add(what + ": port out of range");
            return;
        }
        boolean implicit;
        boolean plain = false;
        switch (socket.trim().toUpperCase(Locale.ROOT)) {
            case "SSL" -> implicit = true;
            case "STARTTLS" -> implicit = false;
            case "PLAIN" -> {
                // The client is told to send credentials without TLS; the server may still offer STARTTLS, which is scanned.
                implicit = false;
                plain = true;
            }
            default -> {
                skipped.add(what + ": socketType \"" + socket.trim() + "\" is not SSL, STARTTLS or plain");
                return;
            }
        }
        MailService service;
        if (e.getTagName().equals("outgoingServer")) {
            if (!type.equals("smtp")) {
                skipped.add(what + ": outgoing type is not smtp");
                return;
            }
            service = implicit ? MailService.SUBMISSIONS : MailService.SUBMISSION;
        } else if (type.equals("imap")) {
            service = implicit ? MailService.IMAPS : MailService.IMAP;
        } else if (type.equals("pop3")) {
            service = implicit ? MailService.POP3S : MailService.POP3;
        } else {
            skipped.add(what + ": incoming type is not imap or pop3");
            return;
        }
        out.add(new Server(service, host.toLowerCase(Locale.ROOT), port, plain, socket.trim()));
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        return found.isEmpty() ? null : found.get(0).getTextContent().trim();
    }
}
