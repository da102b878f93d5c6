package org.tlsverdict.collect.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * DNSSEC trust anchors: DS or DNSKEY records in zone-file syntax. The default is the IANA root
 * anchor shipped as a resource (root-anchors.txt, from https://data.iana.org/root-anchors/).
 */
public final class TrustAnchors {

    static final String ROOT_RESOURCE = "root-anchors.txt";

    private TrustAnchors() {
    }

    public static byte[] root() throws IOException {
        try (InputStream in = TrustAnchors.class.getResourceAsStream(ROOT_RESOURCE)) {
            if (in == null) {
                throw new IOException("the root trust anchor resource " + ROOT_RESOURCE + " is missing from the build");
            }
            return check(in.readAllBytes(), ROOT_RESOURCE);
        }
    }

    /** Reads and checks an anchor file; the message names the file and what is wrong with it. */
    public static byte[] read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read the trust anchor: " + e.getMessage(), e);
        }
        return check(bytes, file.toString());
    }

    /**
     * Every record must be DS or DNSKEY, and there must be at least one. Returns the records one per
     * line with a TTL, the form the validator reads (anchor files often leave the TTL out, as IANA's does).
     */
    static byte[] check(byte[] bytes, String label) throws IOException {
        StringBuilder normalized = new StringBuilder();
        int count = 0;
        try (Master m = new Master(new ByteArrayInputStream(bytes), Name.root, 0)) {
            Record r;
            while ((r = m.nextRecord()) != null) {
                if (r.getType() != Type.DS && r.getType() != Type.DNSKEY) {
                    throw new IOException(label + ": trust anchor records must be DS or DNSKEY, found "
                            + Type.string(r.getType()) + " for " + r.getName());
                }
                normalized.append(r).append('\n');
                count++;
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(label + ":")) {
                throw e;
            }
            throw new IOException(label + ": not a trust anchor in zone-file syntax: " + e.getMessage(), e);
        }
        if (count == 0) {
            throw new IOException(label + ": no DS or DNSKEY record in the trust anchor file");
        }
        return normalized.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
