package org.tlsverdict.collect;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

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
}
