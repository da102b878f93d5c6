package org.tlsverdict.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tlsverdict.facts.Endpoint;
import org.tlsverdict.facts.EndpointFacts;
import org.tlsverdict.facts.Provenance;
import org.tlsverdict.facts.Service;
import org.tlsverdict.facts.Transport;

/** The endpoints of a provider are scanned side by side; a failing one gives its reason, never an exception. */
class ConcurrentScansTest {

    @Test
    void sixEndpointsAreInFlightAtOnce() {
        CountDownLatch allStarted = new CountDownLatch(6);
        // Each scan finishes only once all six have started: sequential scanning would time out in every one.
        ScanRunner runner = new ScanRunner() {
            public String name() {
                return "latch";
            }

            public ScanResult scan(ScanTarget target, ScanOptions options, ScanProgress progress) throws ScanException {
                allStarted.countDown();
                try {
                    if (!allStarted.await(10, TimeUnit.SECONDS)) {
                        throw new ScanException(target + ": the other endpoints did not start alongside");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (target.port() == 110) {
                    throw new ScanException(target + ": connection refused");
                }
                return new ScanResult(new EndpointFacts(target.endpoint(target.address()), new Provenance("latch", null, null),
                        null, null, null, null, null, null), List.of(), 1);
            }
        };
        ScanRunner.ScanOptions options = new ScanRunner.ScanOptions(null, 1, 10, 0, Starttls.AUTO, null);
        try (ConcurrentScans scans = new ConcurrentScans(runner, options, ScanRunner.ScanProgress.SILENT, 32)) {
            int[] ports = {465, 587, 993, 143, 995, 110};
            for (int p : ports) {
                scans.submit(new ScanTarget("mail.example.test", p, Service.forPort(p), Service.forPort(p).defaultTransport()).at("127.0.0.1"));
            }
            List<ScanAttempt> all = scans.all();
            assertThat(all).extracting(o -> o.target().port()).containsExactly(465, 587, 993, 143, 995, 110);
            assertThat(all.subList(0, 5)).allSatisfy(o -> assertThat(o.error()).isNull());
            assertThat(all.get(5).error()).isEqualTo("mail.example.test:110: connection refused");
            assertThat(scans.await(ConcurrentScans.key("MAIL.example.test", 993, Transport.IMPLICIT)).result().facts().endpoint())
                    .isEqualTo(new Endpoint("mail.example.test", "127.0.0.1", 993, Service.IMAPS, Transport.IMPLICIT));
            assertThat(scans.await(ConcurrentScans.key("other.example.test", 993, Transport.IMPLICIT))).isNull();
        }
    }
}
