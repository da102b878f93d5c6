package org.tlsverdict.collect.importer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.tlsverdict.collect.HardenedXml;
import org.tlsverdict.facts.FactsFormatException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses scanner XML with entity declarations and external DTDs refused before parsing: that rules
 * out external entities (XXE) and entity expansion (billion laughs). nmap writes a bare
 * {@code <!DOCTYPE nmaprun>}, which stays allowed; the parser is configured safely as well, in
 * case the pre-check misses a spelling.
 */
final class SafeXml {

    private static final DocumentBuilderFactory FACTORY = HardenedXml.factory(false);

    private SafeXml() {
    }


    private static final java.util.regex.Pattern BARE_DOCTYPE = java.util.regex.Pattern.compile("<!DOCTYPE\\s+[\\w.:-]+\\s*>");

    static Document parse(byte[] content, String label) throws FactsFormatException {
        String text = new String(content, java.nio.charset.StandardCharsets.UTF_8);
        if (text.contains("<!ENTITY")) {
            throw new FactsFormatException(label + ": XML declares entities; refused (no entity expansion, no external entities)");
        }
        int doctype = text.indexOf("<!DOCTYPE");
        if (doctype >= 0 && !BARE_DOCTYPE.matcher(text).region(doctype, Math.min(text.length(), doctype + 200)).lookingAt()) {
            throw new FactsFormatException(label + ": XML with an external or internal DTD is refused (only a bare <!DOCTYPE name> is accepted)");
        }
        try {
            DocumentBuilder b = HardenedXml.builder(FACTORY);
            return b.parse(new ByteArrayInputStream(content));
        } catch (SAXParseException e) {
            String msg = e.getMessage() == null ? "malformed XML" : e.getMessage();
            throw new FactsFormatException(label + ": line " + e.getLineNumber() + ": " + msg.replaceAll("\\s+", " "));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new FactsFormatException(label + ": " + String.valueOf(e.getMessage()).replaceAll("\\s+", " "), e);
        }
    }
}
