package io.confero.sfu.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.media.rtcp.RtcpRemb;
import org.junit.jupiter.api.Test;

class RembFeedbackTest {
    @Test
    void buildsParsableRemb() throws Exception {
        RtcpRemb remb = RembFeedback.build(1, 1_500_000, 10, 20);
        byte[] b = remb.toBytes();
        RtcpRemb back = RtcpRemb.parse(b, 0, b.length);
        assertThat(back.ssrcs()).containsExactly(10, 20);
        assertThat(back.bitrateBps()).isBetween(1_499_990L, 1_500_000L);
        assertThat(RembFeedback.build(1, -5).bitrateBps()).isZero();
    }
}
