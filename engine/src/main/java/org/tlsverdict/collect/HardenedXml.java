package org.tlsverdict.collect;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one XML parser configuration for untrusted documents (scanner output, autoconfig): no
 * external entities, no external DTD or schema, no XInclude, no entity expansion. Callers refuse
 * entity declarations before parsing as well; this holds in case a spelling gets past them.
 */
public final class HardenedXml {

    private HardenedXml() {
    }

    /** A factory as above; {@code refuseDoctype} also refuses every document type declaration. */
    public static DocumentBuilderFactory factory(boolean refuseDoctype) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            if (refuseDoctype) {
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            }
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser lacks the features needed for safe parsing", e);
        }
    }

    /**
     * A builder of {@code factory} that stops at the first error instead of printing it, and
     * refuses any external entity the pre-checks let through.
     */
    public static DocumentBuilder builder(DocumentBuilderFactory factory) throws ParserConfigurationException {
        DocumentBuilder b;
        synchronized (factory) {
            b = factory.newDocumentBuilder();
        }
        b.setErrorHandler(STOP_AT_ERRORS);
        b.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entity " + systemId + " refused");
        });
        return b;
    }

    private static final ErrorHandler STOP_AT_ERRORS = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
