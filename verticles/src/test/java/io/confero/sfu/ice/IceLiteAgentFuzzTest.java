package io.confero.sfu.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Fuzz: random and mutated datagrams never throw and never get an answer without credentials. */
class IceLiteAgentFuzzTest {
    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 40000);

    @Property(tries = 1000)
    void randomDatagramsAreDroppedWithoutThrowing(@ForAll @Size(max = 600) byte[] data, @ForAll boolean stunHeader) {
        if (stunHeader && data.length >= 20) {
            data[0] = 0;
            data[1] = 1;
            data[2] = (byte) ((data.length - 20) >>> 8);
            data[3] = (byte) ((data.length - 20) & 0xFC);
            data[4] = 0x21;
            data[5] = 0x12;
            data[6] = (byte) 0xA4;
            data[7] = 0x42;
        }
        IceLiteAgent agent = new IceLiteAgent(IceLiteAgentTest.LOCAL, 0);
        IceCheckResult r = agent.handleBindingRequest(data, 0, data.length, FROM, 0);
        assertThat(r.hasResponse()).isFalse();
        assertThat(agent.selectedAddress()).isNull();
        IceUfragIndex.localUfragOf(data, 0, data.length);
    }

    @Property(tries = 1000)
    void mutatedValidChecksNeverThrow(@ForAll @IntRange(max = 200) int position, @ForAll byte value,
                                      @ForAll @IntRange(max = 200) int cut) {
        byte[] req = IceLiteAgentTest.check(true);
        req[position % req.length] = value;
        int len = Math.max(0, req.length - cut % 40);
        IceLiteAgent agent = new IceLiteAgent(IceLiteAgentTest.LOCAL, 0);
        IceCheckResult r = agent.handleBindingRequest(req, 0, len, FROM, 0);
        assertThat(r.hasResponse() ^ r.dropReason() != null).isTrue();
        IceUfragIndex.localUfragOf(req, 0, len);
    }
}
