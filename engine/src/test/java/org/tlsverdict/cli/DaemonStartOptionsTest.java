package org.tlsverdict.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code daemon start} gives the daemon its caller's JVM options less the launcher's short-run ones:
 * whatever those are, what is left must start a JVM (the full compiler refuses one compiler thread,
 * which the launcher asks for with the quick compiler alone).
 */
class DaemonStartOptionsTest {

    /** The launcher's options for an evaluate, as it writes them. */
    private static List<String> launcherOptions() throws Exception {
        Matcher m = Pattern.compile("(?m)^opts=\"([^\"]+)\"").matcher(Files.readString(Path.of("tlsverdict")));
        assertThat(m.find()).as("the launcher's opts= line").isTrue();
        return Arrays.asList(m.group(1).split(" "));
    }

    @Test
    void theShortRunOptionsAreDroppedAndTheRestStartsAJvm() throws Exception {
        List<String> launcher = launcherOptions();
        assertThat(launcher).as("the launcher's short-run options").contains("-XX:TieredStopAtLevel=1");
        List<String> daemon = DaemonLaunch.daemonOptions(launcher);
        assertThat(daemon).noneMatch(a -> a.startsWith("-XX:TieredStopAtLevel") || a.startsWith("-XX:CICompilerCount")
                || a.startsWith("-Dsun.reflect.inflationThreshold")).contains("-XX:+UseSerialGC");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(daemon);
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    @Test
    void aDebuggersAgentStaysWithTheCaller() {
        assertThat(DaemonLaunch.daemonOptions(List.of("-Xmx1g", "-agentlib:jdwp=transport=dt_socket", "-XX:CICompilerCount=1")))
                .containsExactly("-Xmx1g");
    }
}
