package org.tlsverdict.collect.importer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.Service;
import org.tlsverdict.facts.Support;
import org.tlsverdict.facts.TlsVersion;
import org.tlsverdict.facts.Transport;

/** nmap -oX shapes: the nmap version on the root decides whether a missing TLSv1.3 table means anything. */
class NmapXmlImporterTest {

    private static String xml(String version, String service) {
        return "<?xml version=\"1.0\"?>\n<nmaprun scanner=\"nmap\" args=\"nmap -sV -p 465 --script ssl-enum-ciphers mail.example.org\""
                + (version == null ? "" : " version=\"" + version + "\"") + " xmloutputversion=\"1.04\">\n"
                + "<host><address addr=\"192.0.2.7\" addrtype=\"ipv4\"/><hostnames><hostname name=\"mail.example.org\" type=\"user\"/></hostnames>\n"
                + "<ports><port protocol=\"tcp\" portid=\"2465\"><state state=\"open\"/>" + service + "\n"
                + "<script id=\"ssl-enum-ciphers\" output=\"...\"><table key=\"TLSv1.2\"><table key=\"ciphers\"><table>"
                + "<elem key=\"name\">TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256</elem><elem key=\"kex_info\">secp256r1</elem><elem key=\"strength\">A</elem>"
                + "</table></table><elem key=\"cipher preference\">server</elem></table><elem key=\"least strength\">A</elem></script>\n"
                + "</port></ports></host></nmaprun>\n";
    }

    @Test
    void tls13IsNotOfferedOnlyWhenTheNmapVersionTriesIt() throws Exception {
        String svc = "<service name=\"smtp\" tunnel=\"ssl\" method=\"probed\"/>";
        assertThat(ImporterFixtures.parse(xml("7.91", svc), "nmap-xml").protocols().get(TlsVersion.TLSv1_3)).isEqualTo(Support.UNKNOWN);
        assertThat(ImporterFixtures.parse(xml(null, svc), "nmap-xml").protocols().get(TlsVersion.TLSv1_3)).isEqualTo(Support.UNKNOWN);
        EndpointFacts e = ImporterFixtures.parse(xml("7.94", svc), "nmap-xml");
        assertThat(e.protocols().get(TlsVersion.TLSv1_3)).isEqualTo(Support.NOT_OFFERED);
        assertThat(e.protocols().get(TlsVersion.TLSv1_2)).isEqualTo(Support.OFFERED);
    }

    @Test
    void serviceAndTransportComeFromNmapsServiceElement() throws Exception {
        EndpointFacts tunnelled = ImporterFixtures.parse(xml("7.94", "<service name=\"smtp\" tunnel=\"ssl\" method=\"probed\"/>"), "nmap-xml");
        assertThat(tunnelled.endpoint().service()).isEqualTo(Service.SMTPS);
        assertThat(tunnelled.endpoint().transport()).isEqualTo(Transport.IMPLICIT);
        EndpointFacts plain = ImporterFixtures.parse(xml("7.94", "<service name=\"imap\" method=\"probed\"/>"), "nmap-xml");
        assertThat(plain.endpoint().service()).isEqualTo(Service.IMAP);
        assertThat(plain.endpoint().transport()).isEqualTo(Transport.STARTTLS);
        EndpointFacts unknown = ImporterFixtures.parse(xml("7.94", "<service name=\"unknown\" method=\"table\"/>"), "nmap-xml");
        assertThat(unknown.endpoint().service()).isEqualTo(Service.OTHER);
    }

    @Test
    void anEnumCiphersScriptWithoutTablesLeavesTheVersionsUnknown() throws Exception {
        String text = "<?xml version=\"1.0\"?>\n<nmaprun scanner=\"nmap\" version=\"7.94\">\n<host><address addr=\"192.0.2.7\" addrtype=\"ipv4\"/>"
                + "<ports><port protocol=\"tcp\" portid=\"25\"><state state=\"open\"/>"
                + "<script id=\"ssl-enum-ciphers\" output=\"ERROR: Script execution failed (use -d to debug)\"/>"
                + "<script id=\"ssl-cert\" output=\"Subject: commonName=mail.example.org\"><table key=\"subject\"><elem key=\"commonName\">mail.example.org</elem></table></script>"
                + "</port></ports></host></nmaprun>\n";
        EndpointFacts e = ImporterFixtures.parse(text, "nmap-xml");
        assertThat(e.protocols()).isNull();
        assertThat(e.certificates()).hasSize(1);
    }
}
