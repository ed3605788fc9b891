package io.confero.media.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8656 §12.4 (ChannelData format) and §12.5 (padding over TCP). */
class Rfc8656ChannelDataTest {

    @Test
    void section12_4_unpaddedRoundTrip() throws Exception {
        ChannelData cd = new ChannelData(0x4001, "hello".getBytes());
        byte[] buf = new byte[cd.encodedLength()];
        assertThat(cd.writeTo(buf, 0)).isEqualTo(9);
        assertThat(buf).isEqualTo(Hex.parse("40 01 00 05 68 65 6c 6c 6f"));
        assertThat(ChannelData.parse(buf, 0, buf.length)).isEqualTo(cd);
    }

    @Test
    void section12_5_paddedStreamFrame() throws Exception {
        ChannelData cd = new ChannelData(0x4FFF, "hello".getBytes());
        byte[] buf = new byte[cd.paddedLength()];
        assertThat(cd.writePaddedTo(buf, 0)).isEqualTo(12);
        assertThat(buf).isEqualTo(Hex.parse("4f ff 00 05 68 65 6c 6c 6f 00 00 00"));
        assertThat(ChannelData.streamFrameLength(buf, 0, 4)).isEqualTo(12);
        assertThat(ChannelData.streamFrameLength(buf, 0, 3)).isEqualTo(-1);
        assertThat(ChannelData.parse(buf, 0, buf.length)).isEqualTo(cd);
    }

    @ParameterizedTest(name = "channel 0x{0} valid={1}")
    @CsvSource({"0000, false", "3fff, false", "4000, true", "4fff, true", "5000, false", "ffff, false"})
    void section12_channelRange(String hex, boolean valid) {
        int ch = Integer.parseInt(hex, 16);
        assertThat(ChannelData.isValidChannel(ch)).isEqualTo(valid);
        byte[] b = {(byte) (ch >> 8), (byte) ch, 0, 0};
        if (valid) {
            assertThat(catchParse(b)).isNull();
        } else {
            assertThat(catchParse(b)).isInstanceOf(StunParseException.class);
        }
    }

    @ParameterizedTest(name = "data length {0}")
    @CsvSource({"0", "1", "3", "4", "32767", "65535"})
    void dataLengthWrapTable(int len) throws Exception {
        ChannelData cd = new ChannelData(0x4000, new byte[len]);
        byte[] buf = new byte[cd.paddedLength()];
        cd.writePaddedTo(buf, 0);
        assertThat(ChannelData.parse(buf, 0, buf.length).data()).hasSize(len);
        assertThat(ChannelData.parse(buf, 0, cd.encodedLength()).data()).hasSize(len);
    }

    @Test
    void lengthMismatchRejected() {
        assertThatThrownBy(() -> ChannelData.parse(Hex.parse("40 00 00 05 01 02"), 0, 6)).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> ChannelData.parse(Hex.parse("40 00 00 00 01 02 03 04"), 0, 8)).isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> ChannelData.parse(Hex.parse("40 00 00"), 0, 3)).isInstanceOf(StunParseException.class);
    }

    private static Exception catchParse(byte[] b) {
        try {
            ChannelData.parse(b, 0, b.length);
            return null;
        } catch (StunParseException e) {
            return e;
        }
    }
}
