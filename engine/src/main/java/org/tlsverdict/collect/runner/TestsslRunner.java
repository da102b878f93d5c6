package org.tlsverdict.collect.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tlsverdict.collect.ScanTarget;
import org.tlsverdict.collect.Starttls;

/**
 * testssl.sh with the checks the fact model needs: protocols (-p), server preference (-P), server
 * defaults and certificate (-S), forward secrecy (-f), vulnerabilities (-U) and per-protocol suites
 * (-E, which 3.0.x needs for suites per version). Flat JSON is kept as the raw output.
 */
public final class TestsslRunner extends ToolRunner {

    public TestsslRunner() {
        super(new ExternalTool("testssl", "testssl.sh"));
    }

    @Override
    public String name() {
        return "testssl";
    }

    @Override
    String rawName(ScanTarget target) {
        return target.host() + "_" + target.port() + ".testssl.json";
    }

    @Override
    List<String> arguments(ScanTarget target, ScanOptions options, Path raw) {
        List<String> a = new ArrayList<>(List.of("--jsonfile", raw.toString(), "--warnings", "off", "--color", "0",
                "--quiet", "-p", "-P", "-S", "-f", "-U", "-E"));
        Starttls starttls = options.starttlsFor(target);
        if (starttls.negotiates()) {
            a.add("--starttls");
            a.add(starttls.value());
        }
        if (options.caFile() != null) {
            a.add("--add-ca");
            a.add(options.caFile().toString());
        }
        if (options.timeoutSeconds() > 0) {
            a.add("--connect-timeout");
            a.add(Integer.toString(options.timeoutSeconds()));
            a.add("--openssl-timeout");
            a.add(Integer.toString(options.timeoutSeconds()));
        }
        a.add(hostPort(target));
        return a;
    }

    @Override
    String progressStep(String line) {
        String t = line.strip();
        return t.startsWith("Testing ") ? t : null;
    }

    @Override
    String importFormat() {
        return "testssl";
    }

    @Override
    int expectedSteps() {
        return 8;
    }
}
