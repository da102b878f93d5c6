package org.tlsverdict.collect.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tlsverdict.collect.ScanTarget;
import org.tlsverdict.collect.Starttls;

/** sslscan with XML output; STARTTLS through its --starttls-* switches. */
public final class SslscanRunner extends ToolRunner {

    public SslscanRunner() {
        super(new ExternalTool("sslscan", "sslscan"));
    }

    @Override
    public String name() {
        return "sslscan";
    }

    @Override
    String rawName(ScanTarget target) {
        return target.host() + "_" + target.port() + ".sslscan.xml";
    }

    @Override
    List<String> arguments(ScanTarget target, ScanOptions options, Path raw) {
        List<String> a = new ArrayList<>(List.of("--no-colour", "--xml=" + raw));
        Starttls starttls = options.starttlsFor(target);
        if (starttls.negotiates()) {
            a.add("--starttls-" + starttls.value());
        }
        if (options.timeoutSeconds() > 0) {
            a.add("--connect-timeout=" + options.timeoutSeconds());
            a.add("--timeout=" + options.timeoutSeconds());
        }
        a.add(hostPort(target));
        return a;
    }

    @Override
    String progressStep(String line) {
        String t = line.strip();
        return t.startsWith("SSL/TLS Protocols") || t.startsWith("Supported Server Cipher") || t.startsWith("SSL Certificate")
                ? t : null;
    }

    @Override
    String importFormat() {
        return "sslscan";
    }

    @Override
    int expectedSteps() {
        return 3;
    }
}
