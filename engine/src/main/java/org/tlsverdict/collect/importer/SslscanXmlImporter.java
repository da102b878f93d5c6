package org.tlsverdict.collect.importer;

import java.util.ArrayList;
import java.util.List;
import org.tlsverdict.facts.Certificate;
import org.tlsverdict.facts.CipherEntry;
import org.tlsverdict.facts.CipherRegistry;
import org.tlsverdict.facts.CipherSuite;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.FactsFormatException;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.TriState;
import org.tlsverdict.facts.VulnStatus;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * sslscan {@code --xml=} output. sslscan enumerates by removing each chosen suite, so its lists
 * come in the order the server picked; it gives no server-vs-client verdict, so cipher preference
 * stays unknown.
 */
public final class SslscanXmlImporter implements ScanImporter {

    @Override
    public String format() {
        return "sslscan";
    }

    @Override
    public boolean accepts(String head) {
        return head.contains("SSLScan Results") || head.contains("<ssltest");
    }

    @Override
    public List<EndpointFacts> read(byte[] content, String label) throws FactsFormatException {
        Document doc = SafeXml.parse(content, label);
        Element root = doc.getDocumentElement();
        if (!"document".equals(root.getTagName())) {
            throw new FactsFormatException(label + ": root element is <" + root.getTagName() + ">, expected sslscan's <document>");
        }
        List<EndpointFacts> out = new ArrayList<>();
        for (Element test : NmapXmlImporter.children(root, "ssltest")) {
            out.add(endpoint(test, label));
        }
        if (out.isEmpty()) {
            throw new FactsFormatException(label + ": no <ssltest> element (did sslscan reach the host?)");
        }
        return out;
    }

    private static EndpointFacts endpoint(Element test, String label) throws FactsFormatException {
        int port;
        try {
            port = Integer.parseInt(test.getAttribute("port"));
        } catch (NumberFormatException e) {
            throw new FactsFormatException(label + ": <ssltest> without a numeric port");
        }
        String host = test.getAttribute("host");
        String sni = test.getAttribute("sniname");
        // host= is what the user typed: a name goes to endpoint.host, never to endpoint.ip.
        String name = !sni.isEmpty() && !Addresses.isLiteral(sni) ? sni : host;
        if (name.isBlank()) {
            throw new FactsFormatException(label + ": <ssltest> without host");
        }
        FactsBuilder b = new FactsBuilder(Endpoint.of(name, Addresses.isLiteral(host) ? host : null, port, null, null), "sslscan", label);
        boolean heartbleedVulnerable = false;
        boolean heartbleedTested = false;
        boolean protocolsListed = false;
        boolean certificateSeen = false;
        for (Element e : NmapXmlImporter.childElements(test)) {
            switch (e.getTagName()) {
                case "protocol" -> {
                    protocolsListed = true;
                    protocol(e, b);
                }
                case "cipher" -> cipher(e, b);
                case "group" -> group(e, b);
                case "heartbleed" -> {
                    heartbleedTested = true;
                    heartbleedVulnerable |= "1".equals(e.getAttribute("vulnerable"));
                }
                case "renegotiation" -> {
                    boolean supported = "1".equals(e.getAttribute("supported"));
                    boolean secure = "1".equals(e.getAttribute("secure"));
                    boolean insecure = supported && !secure;
                    b.vulnerability("SECURE_RENEGO", insecure ? VulnStatus.VULNERABLE : VulnStatus.NOT_VULNERABLE,
                            insecure ? "insecure renegotiation supported" : null, xml(e));
                    b.feature("secureRenegotiation", secure ? TriState.YES : TriState.NO, xml(e));
                }
                case "compression" -> {
                    boolean on = "1".equals(e.getAttribute("supported"));
                    b.vulnerability("CRIME_TLS", on ? VulnStatus.VULNERABLE : VulnStatus.NOT_VULNERABLE, null, xml(e));
                    b.feature("compression", on ? TriState.YES : TriState.NO, xml(e));
                }
                case "fallback" -> {
                    boolean on = "1".equals(e.getAttribute("supported"));
                    b.vulnerability("FALLBACK_SCSV", on ? VulnStatus.NOT_VULNERABLE : VulnStatus.VULNERABLE,
                            on ? null : "TLS_FALLBACK_SCSV not supported", xml(e));
                    b.feature("fallbackScsv", on ? TriState.YES : TriState.NO, xml(e));
                }
                case "certificates" -> certificateSeen |= certificates(e, b);
                // sslscan 1.x writes the certificate straight under <ssltest>.
                case "certificate" -> {
                    if (!certificateSeen) {
                        certificateSeen = certificate(e, b);
                    }
                }
                default -> {
                }
            }
        }
        if (!protocolsListed) {
            // sslscan 1.x has no <protocol> elements: a version on which a suite was accepted is offered;
            // the others stay unknown (1.x never tries TLS 1.3, and its SSLv2/v3 depend on the build).
            for (TlsVersion v : TlsVersion.values()) {
                List<CipherEntry> accepted = b.ciphers(v);
                if (accepted != null && !accepted.isEmpty()) {
                    b.protocol(v, Support.OFFERED, "suites accepted on " + v.label() + " (sslscan " + "1.x lists no <protocol>)");
                }
            }
        }
        if (heartbleedTested) {
            b.vulnerability("HEARTBLEED", heartbleedVulnerable ? VulnStatus.VULNERABLE : VulnStatus.NOT_VULNERABLE, null,
                    "<heartbleed vulnerable=\"" + (heartbleedVulnerable ? 1 : 0) + "\"/>");
            b.vulnerability("OTHER_TESTS", VulnStatus.UNKNOWN, "sslscan runs no ROBOT, Logjam or CCS tests", null);
        }
        return b.build();
    }

    private static void protocol(Element e, FactsBuilder b) {
        String type = e.getAttribute("type");
        String version = e.getAttribute("version");
        TlsVersion v = TlsVersion.parse(("ssl".equals(type) ? "SSLv" : "TLSv") + version).orElse(null);
        if (v != null) {
            Support s = "1".equals(e.getAttribute("enabled")) ? Support.OFFERED : Support.NOT_OFFERED;
            b.protocol(v, s, xml(e));
            if (s == Support.OFFERED && v != TlsVersion.SSLv2) {
                b.ciphersCollected(v);
            }
        }
    }

    private static void cipher(Element e, FactsBuilder b) {
        TlsVersion v = TlsVersion.parse(e.getAttribute("sslversion")).orElse(null);
        String status = e.getAttribute("status");
        if (v == null || !(status.isEmpty() || status.equals("accepted") || status.equals("preferred"))) {
            return;
        }
        String id = e.getAttribute("id");
        String name = e.getAttribute("cipher");
        CipherSuite suite = CipherRegistry.parseCode(id).flatMap(CipherRegistry.standard()::byCode)
                .or(() -> CipherRegistry.standard().lookup(name)).orElse(null);
        Integer dhBits = e.hasAttribute("dhebits") ? NmapScript.parseInt(e.getAttribute("dhebits")) : null;
        String group = e.hasAttribute("curve") ? Groups.normalize(e.getAttribute("curve")) : null;
        b.cipher(v, new CipherEntry(suite == null ? name : suite.iana(), name, id.isEmpty() ? null : id, dhBits, group, null,
                b.provenance(xml(e))));
    }

    /** sslscan 2.x: {@code <group sslversion="TLSv1.3" name="x25519" .../>}, a group the server accepted on that version. */
    private static void group(Element e, FactsBuilder b) {
        TlsVersion v = TlsVersion.parse(e.getAttribute("sslversion")).orElse(null);
        String name = Groups.normalize(e.getAttribute("name"));
        if (v != null && name != null) {
            b.group(v, name, xml(e));
        }
    }

    private static boolean certificates(Element certs, FactsBuilder b) {
        for (Element c : NmapXmlImporter.children(certs, "certificate")) {
            if (!"short".equals(c.getAttribute("type")) && !c.getAttribute("type").isEmpty()) {
                continue;
            }
            return certificate(c, b);
        }
        return false;
    }

    private static boolean certificate(Element c, FactsBuilder b) {
        String sig = text(c, "signature-algorithm");
        Element pk = NmapXmlImporter.children(c, "pk").stream().findFirst().orElse(null);
        String subject = text(c, "subject");
        List<String> sans = CertificateText.sans(text(c, "altnames"));
        List<String> names = sans.isEmpty() && subject != null ? List.of(subject) : sans;
        // sslscan does not validate the chain; a self-signed leaf is the one trust verdict it allows.
        TriState trusted = "true".equals(text(c, "self-signed")) ? TriState.NO : TriState.UNKNOWN;
        String keyType = pk == null ? null : CertificateText.keyType(pk.getAttribute("type"));
        String curve = pk == null || pk.getAttribute("curve_name").isEmpty() ? null : Groups.normalize(pk.getAttribute("curve_name"));
        Integer bits = pk == null ? null : NmapScript.parseInt(pk.getAttribute("bits"));
        if ("ECDSA".equals(keyType)) {
            // sslscan 2.0 writes the curve's security level (128 for P-256) in bits=: the key size comes from the curve.
            bits = CertificateText.ecKeyBits(curve);
        }
        b.certificate(new Certificate(0, subject == null ? null : "CN=" + subject, sans, text(c, "issuer"),
                keyType, bits, curve, sig,
                CertificateText.parseDate(text(c, "not-valid-before")), CertificateText.parseDate(text(c, "not-valid-after")),
                trusted, CertificateText.matches(b.endpoint().host(), names),
                b.provenance((c.getAttribute("type").isEmpty() ? "<certificate>" : "<certificate type=\"" + c.getAttribute("type") + "\">")
                        + " subject=" + subject)));
        return true;
    }

    private static String text(Element parent, String tag) {
        return NmapXmlImporter.children(parent, tag).stream().findFirst().map(e -> e.getTextContent().trim()).orElse(null);
    }

    private static String xml(Element e) {
        StringBuilder sb = new StringBuilder("<").append(e.getTagName());
        var attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            sb.append(' ').append(attrs.item(i).getNodeName()).append("=\"").append(attrs.item(i).getNodeValue()).append('"');
        }
        return sb.append("/>").toString();
    }
}
