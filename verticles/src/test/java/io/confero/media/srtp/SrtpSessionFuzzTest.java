package io.confero.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Fuzz: arbitrary datagrams never throw from unprotect and never authenticate (RFC 3711 §3.3). */
class SrtpSessionFuzzTest {

    @Property(tries = 400)
    void unprotectRtpNeverThrows(@ForAll @Size(max = 300) byte[] data, @ForAll @IntRange(max = 2) int profileIndex,
                                 @ForAll boolean forceVersion2) {
        SrtpProfile profile = SrtpProfile.values()[profileIndex];
        if (forceVersion2 && data.length > 0) {
            data[0] = (byte) ((data[0] & 0x3F) | 0x80);
        }
        try (SessionPair pair = SessionPair.of(SrtpSessionTest.keys(profile, 42))) {
            int rtp = pair.receiver().unprotectRtp(data.clone(), 0, data.length);
            int rtcp = pair.receiver().unprotectRtcp(data.clone(), 0, data.length);
            assertThat(rtp).isNegative();
            assertThat(rtcp).isNegative();
            assertThat(pair.receiver().inboundRtpSsrcCount()).isZero();
        }
    }

    @Property(tries = 200)
    void protectNeverThrows(@ForAll @Size(max = 300) byte[] data, @ForAll @IntRange(max = 2) int profileIndex,
                            @ForAll @IntRange(max = 40) int room) {
        SrtpProfile profile = SrtpProfile.values()[profileIndex];
        byte[] buf = java.util.Arrays.copyOf(data, data.length + room);
        try (SessionPair pair = SessionPair.of(SrtpSessionTest.keys(profile, 43))) {
            int r = pair.sender().protectRtp(buf, 0, data.length);
            int c = pair.sender().protectRtcp(buf.clone(), 0, data.length);
            assertThat(r).isLessThanOrEqualTo(buf.length);
            assertThat(c).isLessThanOrEqualTo(buf.length);
        }
    }
}
