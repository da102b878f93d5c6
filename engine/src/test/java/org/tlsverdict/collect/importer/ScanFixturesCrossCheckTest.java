package org.tlsverdict.collect.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tlsverdict.collect.InputReader;
import org.tlsverdict.facts.CipherEntry;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.Preference;
import org.tlsverdict.facts.TlsVersion;

/**
 * For every configuration and port under fixtures/scans/, the facts imported from testssl.sh, nmap
 * and sslscan agree on versions, suites, cipher preference and DHE size wherever two tools both
 * see the fact. What one tool cannot see (nmap: SSLv2; sslscan: preference) is listed, not
 * compared.
 */
class ScanFixturesCrossCheckTest {

    static final Path SCANS = Path.of("fixtures/scans");

    @TestFactory
    Stream<DynamicTest> toolsAgreePerConfigurationAndPort() throws IOException {
        if (!Files.isDirectory(SCANS)) {
            return Stream.empty();
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.walk(SCANS, 2)) {
            dirs = s.filter(p -> p.getNameCount() == SCANS.getNameCount() + 2 && Files.isDirectory(p)).sorted().toList();
        }
        assertThat(dirs).isNotEmpty();
        return dirs.stream().map(dir -> DynamicTest.dynamicTest(SCANS.relativize(dir).toString(), () -> {
            Map<String, EndpointFacts> byTool = new LinkedHashMap<>();
            for (String f : List.of("testssl.json", "nmap.xml", "nmap.txt", "sslscan.xml")) {
                Path p = dir.resolve(f);
                if (Files.isRegularFile(p)) {
                    byTool.put(f, InputReader.read(p, p.toString()).endpoints().get(0));
                }
            }
            assertThat(byTool).hasSizeGreaterThanOrEqualTo(2);
            assertThat(differences(byTool)).isEmpty();
        }));
    }

    static List<String> differences(Map<String, EndpointFacts> byTool) {
        List<String> out = new ArrayList<>();
        List<String> tools = new ArrayList<>(byTool.keySet());
        for (int i = 0; i < tools.size(); i++) {
            for (int j = i + 1; j < tools.size(); j++) {
                EndpointFacts a = byTool.get(tools.get(i));
                EndpointFacts b = byTool.get(tools.get(j));
                String pair = tools.get(i) + " vs " + tools.get(j);
                for (TlsVersion v : TlsVersion.values()) {
                    var sa = a.protocols() == null ? null : a.protocols().get(v);
                    var sb = b.protocols() == null ? null : b.protocols().get(v);
                    if (sa != null && sb != null && sa != sb && sa.toString().indexOf("unknown") < 0 && sb.toString().indexOf("unknown") < 0) {
                        out.add(pair + ": " + v + " " + sa + " vs " + sb);
                    }
                    if (v == TlsVersion.SSLv2) {
                        continue;
                    }
                    List<CipherEntry> ca = a.ciphers() == null ? null : a.ciphers().get(v);
                    List<CipherEntry> cb = b.ciphers() == null ? null : b.ciphers().get(v);
                    if (ca != null && cb != null) {
                        if (!names(ca).equals(names(cb))) {
                            out.add(pair + ": " + v + " suites " + names(ca) + " vs " + names(cb));
                        }
                        for (CipherEntry x : ca) {
                            cb.stream().filter(y -> y.iana().equals(x.iana())).findFirst().ifPresent(y -> {
                                if (x.dhBits() != null && y.dhBits() != null && !Objects.equals(x.dhBits(), y.dhBits())) {
                                    out.add(pair + ": " + v + " " + x.iana() + " DH " + x.dhBits() + " vs " + y.dhBits());
                                }
                            });
                        }
                    }
                    Preference pa = a.serverPreference() == null ? null : a.serverPreference().get(v);
                    Preference pb = b.serverPreference() == null ? null : b.serverPreference().get(v);
                    if (pa != null && pb != null && pa != Preference.UNKNOWN && pb != Preference.UNKNOWN && pa != pb
                            && ca != null && ca.size() > 1) {
                        out.add(pair + ": " + v + " preference " + pa + " vs " + pb);
                    }
                }
            }
        }
        return out;
    }

    static TreeSet<String> names(Collection<CipherEntry> list) {
        TreeSet<String> out = new TreeSet<>();
        list.forEach(c -> out.add(c.iana()));
        return out;
    }
}
