package org.tlsverdict.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** JUnit output validates against Jenkins/xunit's junit-10.xsd (test resource, see its README). */
class JunitSchemaTest {

    static Schema junit10;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadSchema() throws Exception {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        junit10 = f.newSchema(JunitSchemaTest.class.getResource("junit-10.xsd"));
    }

    static void validate(String xml) throws Exception {
        junit10.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSchemaRejectsSkippedOnTestsuites() {
        assertThatThrownBy(() -> validate("<testsuites tests=\"1\" skipped=\"0\"/>")).isInstanceOf(SAXException.class);
    }

    @Test
    void evaluateJunitIsValidWithStableNamesAndSkippedKindsApart() throws Exception {
        Path unreadable = tmp.resolve("broken.json");
        Files.writeString(unreadable, "{\"schema\": \"tlsverdict/facts/v1\", \"endpoints\": [");
        SarifSchemaTest.Run r = SarifSchemaTest.run("evaluate", "fixtures/seed-forum-nmap/jonaharagon-587.nmap.txt",
                "fixtures/seed-forum-nmap/gmail-587.nmap.txt", "fixtures/mail-domains/testbed-domains.json", unreadable.toString(),
                "--policy", "rules/privacyguides-proposed", "--format", "junit", "--at", "2027-01-01T00:00:00Z");
        assertThat(r.exit()).isEqualTo(2);
        validate(r.out());
        Document doc = parse(r.out());
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        assertThat(doc.getElementsByTagName("error").getLength()).isEqualTo(1);

        NodeList cases = doc.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        boolean sawInconclusive = false;
        boolean sawNotApplicable = false;
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            names.add(c.getAttribute("classname") + "#" + c.getAttribute("name"));
            NodeList skipped = c.getElementsByTagName("skipped");
            if (skipped.getLength() == 1) {
                String type = ((Element) skipped.item(0)).getAttribute("type");
                assertThat(type).isIn("INCONCLUSIVE", "NOT_APPLICABLE");
                assertThat(((Element) skipped.item(0)).getAttribute("message")).startsWith(type + ": ");
                sawInconclusive |= type.equals("INCONCLUSIVE");
                sawNotApplicable |= type.equals("NOT_APPLICABLE");
            }
        }
        assertThat(sawInconclusive).isTrue();
        assertThat(sawNotApplicable).isTrue();
        assertThat(names).doesNotHaveDuplicates();
        // the criterion id alone: no title, no status, no arrows
        assertThat(names).contains("mail.jonaharagon.net:587 [fixtures/seed-forum-nmap/jonaharagon-587.nmap.txt]#PGP-NO-SSL");

        Element goodSuite = null;
        NodeList suites = doc.getElementsByTagName("testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            Element s = (Element) suites.item(i);
            if (s.getAttribute("name").startsWith("mail.jonaharagon.net:587")) {
                goodSuite = s;
            }
        }
        assertThat(goodSuite).isNotNull();
        NodeList props = goodSuite.getElementsByTagName("property");
        String noSsl = null;
        String orderStrength = null;
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            if (p.getAttribute("name").equals("PGP-NO-SSL")) {
                noSsl = p.getAttribute("value");
            }
            if (p.getAttribute("name").equals("PGP-ORDER-STRENGTH")) {
                orderStrength = p.getAttribute("value");
            }
        }
        assertThat(noSsl).isEqualTo("INCONCLUSIVE");
        assertThat(orderStrength).isEqualTo("NOT_APPLICABLE");
    }
}
