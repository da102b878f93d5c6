package org.tlsverdict.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When no daemon takes the run, the light client runs the launcher again, marked, and gives its exit code. */
class LightClientTest {

    @TempDir
    Path dir;

    @Test
    void runsTheLauncherAgainMarkedAndGivesItsExitCode() throws Exception {
        Path seen = dir.resolve("seen");
        Path launcher = Files.writeString(dir.resolve("tlsverdict"), "#!/bin/sh\n{ printf '%s\\n' \"$@\"; printf 'mark=%s\\n' \"$"
                + LightClient.TRIED + "\"; } >'" + seen + "'\nexit 7\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        assertThat(LightClient.launchAgain(launcher.toString(), new String[] {"evaluate", "a b.json", "--policy", "p"})).isEqualTo(7);
        assertThat(Files.readAllLines(seen)).containsExactly("evaluate", "a b.json", "--policy", "p", "mark=1");
    }

    @Test
    void aLauncherEndedByASignalGivesWhatAShellWouldReport() throws Exception {
        Path launcher = Files.writeString(dir.resolve("tlsverdict"), "#!/bin/sh\nkill -TERM $$\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        assertThat(LightClient.launchAgain(launcher.toString(), new String[] {"evaluate"})).isEqualTo(128 + 15);
    }

    /** The light client runs from its own small jar and asks for the daemon of the engine's jar: the key is that of the class path it is given. */
    @Test
    void theKeyIsThatOfTheEnginesClassPath() throws Exception {
        String own = System.getProperty("java.class.path");
        assertThat(DaemonKey.current(own)).isEqualTo(DaemonKey.current());
        Path engine = Files.write(dir.resolve("tlsverdict.jar"), new byte[1234]);
        String text = DaemonKey.current(engine.toString()).text();
        assertThat(text).contains("java.class.path=" + engine + "\n", "class-path " + engine.toAbsolutePath() + " 1234 ").doesNotContain(own);
        assertThat(DaemonKey.current(engine.toString()).socketName()).isNotEqualTo(DaemonKey.current().socketName());
    }

    @Test
    void aLauncherThatCannotStartIsAnErrorNamingIt() {
        assertThat(LightClient.launchAgain(dir.resolve("missing").toString(), new String[] {"evaluate"})).isEqualTo(2);
    }
}
