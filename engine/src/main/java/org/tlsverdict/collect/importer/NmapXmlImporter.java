package org.tlsverdict.collect.importer;

import java.util.ArrayList;
import java.util.List;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsFormatException;
import org.tlsverdict.facts.TlsVersion;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** nmap {@code -oX} output with the ssl-enum-ciphers (and optionally ssl-cert) script. */
public final class NmapXmlImporter implements ScanImporter {

    @Override
    public String format() {
        return "nmap-xml";
    }

    @Override
    public boolean accepts(String head) {
        return head.contains("<nmaprun");
    }

    @Override
    public List<EndpointFacts> read(byte[] content, String label) throws FactsFormatException {
        Document doc = SafeXml.parse(content, label);
        Element root = doc.getDocumentElement();
        if (!"nmaprun".equals(root.getTagName())) {
            throw new FactsFormatException(label + ": root element is <" + root.getTagName() + ">, expected <nmaprun>");
        }
        // nmap writes its version on the root element; older or hand-trimmed files may lack it.
        String nmapVersion = root.getAttribute("version").isBlank() ? null : root.getAttribute("version");
        List<EndpointFacts> out = new ArrayList<>();
        for (Element host : children(root, "host")) {
            String ip = null;
            for (Element a : children(host, "address")) {
                if (!"mac".equals(a.getAttribute("addrtype"))) {
                    ip = a.getAttribute("addr");
                }
            }
            String name = hostName(host);
            for (Element ports : children(host, "ports")) {
                for (Element port : children(ports, "port")) {
                    NmapScript script = script(port);
                    if (script == null) {
                        continue;
                    }
                    int portId;
                    try {
                        portId = Integer.parseInt(port.getAttribute("portid"));
                    } catch (NumberFormatException e) {
                        throw new FactsFormatException(label + ": <port> without a numeric portid");
                    }
                    if (ip == null && name == null) {
                        throw new FactsFormatException(label + ": port " + portId + " of a <host> without address or host name");
                    }
                    script.nmapVersion = nmapVersion;
                    for (Element svc : children(port, "service")) {
                        NmapServices.apply(svc.getAttribute("name"), "ssl".equals(svc.getAttribute("tunnel")), portId, script);
                    }
                    out.add(script.toFacts(script.endpoint(name != null ? name : ip, ip, portId), "nmap", label));
                }
            }
        }
        if (out.isEmpty()) {
            throw new FactsFormatException(label + ": no port with ssl-enum-ciphers or ssl-cert output (run nmap with --script ssl-enum-ciphers)");
        }
        return out;
    }

    /** The name the user scanned ("user" hostname) wins over reverse DNS. */
    private static String hostName(Element host) {
        String ptr = null;
        for (Element hs : children(host, "hostnames")) {
            for (Element h : children(hs, "hostname")) {
                if ("user".equals(h.getAttribute("type"))) {
                    return h.getAttribute("name");
                }
                ptr = ptr == null ? h.getAttribute("name") : ptr;
            }
        }
        return null;
    }

    private static NmapScript script(Element port) {
        NmapScript s = new NmapScript();
        boolean any = false;
        for (Element script : children(port, "script")) {
            String id = script.getAttribute("id");
            if ("ssl-enum-ciphers".equals(id)) {
                // Without structured tables (an error message, or output from before nmap 6.00) nothing
                // says which versions were refused, so the versions stay unknown rather than "not offered".
                if (children(script, "table").isEmpty()) {
                    continue;
                }
                any = true;
                s.enumCiphersRan = true;
                for (Element table : children(script, "table")) {
                    TlsVersion v = TlsVersion.parse(table.getAttribute("key")).orElse(null);
                    if (v != null) {
                        s.versions.put(v, block(table, v));
                    }
                }
            } else if ("ssl-cert".equals(id)) {
                any = true;
                cert(script, s);
            }
        }
        return any ? s : null;
    }

    private static NmapScript.VersionBlock block(Element table, TlsVersion v) {
        NmapScript.VersionBlock block = new NmapScript.VersionBlock();
        for (Element child : childElements(table)) {
            String key = child.getAttribute("key");
            if (child.getTagName().equals("table") && key.equals("ciphers")) {
                for (Element c : children(child, "table")) {
                    String name = elem(c, "name");
                    String kex = elem(c, "kex_info");
                    if (name != null) {
                        block.suites.add(new NmapScript.Suite(name, kex, "<elem key=\"name\">" + name + "</elem> kex_info=" + kex));
                    }
                }
            } else if (child.getTagName().equals("table") && key.equals("warnings")) {
                for (Element w : children(child, "elem")) {
                    block.warnings.add(w.getTextContent().trim());
                }
            } else if (child.getTagName().equals("elem") && key.equals("cipher preference")) {
                block.preference = child.getTextContent().trim();
            }
        }
        return block;
    }

    private static void cert(Element script, NmapScript s) {
        s.certRaw = "ssl-cert: " + script.getAttribute("output").lines().findFirst().orElse("");
        for (Element child : childElements(script)) {
            String key = child.getAttribute("key");
            switch (key) {
                case "subject" -> {
                    String cn = elem(child, "commonName");
                    s.certSubject = cn == null ? null : "CN=" + cn;
                }
                case "pubkey" -> {
                    s.certKeyType = elem(child, "type");
                    s.certKeyBits = NmapScript.parseInt(String.valueOf(elem(child, "bits")));
                }
                case "sig_algo" -> s.certSigAlg = child.getTextContent().trim();
                case "validity" -> {
                    s.certNotBefore = elem(child, "notBefore");
                    s.certNotAfter = elem(child, "notAfter");
                }
                case "extensions" -> {
                    for (Element ext : children(child, "table")) {
                        if ("X509v3 Subject Alternative Name".equals(elem(ext, "name"))) {
                            s.certSans = elem(ext, "value");
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    private static String elem(Element parent, String key) {
        for (Element e : children(parent, "elem")) {
            if (key.equals(e.getAttribute("key"))) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    static List<Element> childElements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }
}
