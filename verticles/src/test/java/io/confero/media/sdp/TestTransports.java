package io.confero.media.sdp;

import java.util.List;

/** Our transport parameters as the tests use them. */
final class TestTransports {
    static final String FINGERPRINT =
            "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
    static final LocalTransport LOCAL = new LocalTransport("sfu1", "abcdefghijklmnopqrstuv", FINGERPRINT,
            List.of(new LocalTransport.HostAddress("127.0.0.1", 40000), new LocalTransport.HostAddress("::1", 40000)));

    private TestTransports() {
    }
}
