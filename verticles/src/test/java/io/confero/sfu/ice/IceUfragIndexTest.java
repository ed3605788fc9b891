package io.confero.sfu.ice;

import static org.assertj.core.api.Assertions.assertThat;

import io.confero.media.stun.StunAttributeType;
import io.confero.media.stun.StunClass;
import io.confero.media.stun.StunMessageBuilder;
import io.confero.media.stun.StunMethod;
import org.junit.jupiter.api.Test;

/** USERNAME local-part extraction for demultiplexing (RFC 8445 §7.2.2). */
class IceUfragIndexTest {

    @Test
    void findsTheTransportByTheUsernamesLocalPart() {
        IceUfragIndex<String> index = new IceUfragIndex<>();
        index.register("Lf9x", "transport-1");
        index.register("Qq77", "transport-2");
        byte[] req = IceLiteAgentTest.check(true);
        assertThat(IceUfragIndex.localUfragOf(req, 0, req.length)).isEqualTo("Lf9x");
        assertThat(index.lookup(req, 0, req.length)).isEqualTo("transport-1");

        byte[] shifted = new byte[req.length + 5];
        System.arraycopy(req, 0, shifted, 5, req.length);
        assertThat(index.lookup(shifted, 5, req.length)).isEqualTo("transport-1");

        index.unregister("Lf9x");
        assertThat(index.lookup(req, 0, req.length)).isNull();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void noUsernameOrNotStunGivesNull() {
        byte[] noUser = new StunMessageBuilder(StunMethod.BINDING, StunClass.REQUEST, new byte[12])
                .addUInt32(StunAttributeType.PRIORITY, 1).build();
        assertThat(IceUfragIndex.localUfragOf(noUser, 0, noUser.length)).isNull();
        assertThat(IceUfragIndex.localUfragOf(new byte[] {(byte) 0x80, 0, 0}, 0, 3)).isNull();
        byte[] emptyLocal = new StunMessageBuilder(StunMethod.BINDING, StunClass.REQUEST, new byte[12])
                .addString(StunAttributeType.USERNAME, ":abc").build();
        assertThat(IceUfragIndex.localUfragOf(emptyLocal, 0, emptyLocal.length)).isNull();
        byte[] noColon = new StunMessageBuilder(StunMethod.BINDING, StunClass.REQUEST, new byte[12])
                .addString(StunAttributeType.USERNAME, "abcd").build();
        assertThat(IceUfragIndex.localUfragOf(noColon, 0, noColon.length)).isEqualTo("abcd");
    }

    @Test
    void attributeOverrunningTheMessageGivesNull() {
        byte[] req = IceLiteAgentTest.check(true);
        req[StunMessageLayout.FIRST_ATTRIBUTE_LENGTH] = (byte) 0x7F;
        assertThat(IceUfragIndex.localUfragOf(req, 0, req.length)).isNull();
    }

    /** Offsets in a STUN message (RFC 8489 §5, §14). */
    private static final class StunMessageLayout {
        static final int FIRST_ATTRIBUTE_LENGTH = 20 + 2;
    }
}
