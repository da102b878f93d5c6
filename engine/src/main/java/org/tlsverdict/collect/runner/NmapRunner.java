package org.tlsverdict.collect.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tlsverdict.collect.ScanTarget;
import org.tlsverdict.collect.Starttls;

/**
 * nmap's ssl-enum-ciphers and ssl-cert scripts. nmap speaks STARTTLS by port (25, 587, 143, 110);
 * elsewhere a light service probe (-sV) tells it the protocol. A connect scan (-sT) needs no
 * raw-socket privileges. The XML is the raw output; the normal text is kept beside it.
 */
public final class NmapRunner extends ToolRunner {

    public NmapRunner() {
        super(new ExternalTool("nmap", "nmap"));
    }

    @Override
    public String name() {
        return "nmap";
    }

    @Override
    String rawName(ScanTarget target) {
        return target.host() + "_" + target.port() + ".nmap.xml";
    }

    @Override
    List<String> arguments(ScanTarget target, ScanOptions options, Path raw) {
        List<String> a = new ArrayList<>(List.of("-Pn", "-sT", "-n", "-p", Integer.toString(target.port()),
                "--script", "ssl-enum-ciphers,ssl-cert", "-oX", raw.toString(),
                "-oN", raw.resolveSibling(raw.getFileName().toString().replace(".xml", ".txt")).toString()));
        Starttls starttls = options.starttlsFor(target);
        boolean standardStarttlsPort = List.of(25, 587, 143, 110).contains(target.port());
        if (starttls.negotiates() && !standardStarttlsPort) {
            a.add("-sV");
            a.add("--version-light");
        }
        if (options.timeoutSeconds() > 0) {
            a.add("--script-timeout");
            a.add(Math.max(options.timeoutSeconds() * 20, 60) + "s");
        }
        if (target.connectHost().contains(":")) {
            a.add("-6");
        }
        a.add(target.connectHost());
        return a;
    }

    @Override
    String progressStep(String line) {
        return line.startsWith("Nmap scan report") || line.startsWith("| ssl-enum-ciphers") ? line.strip() : null;
    }

    @Override
    String importFormat() {
        return "nmap-xml";
    }

    @Override
    int expectedSteps() {
        return 2;
    }
}
