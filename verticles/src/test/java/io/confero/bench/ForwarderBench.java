package io.confero.bench;

import io.confero.media.rtp.RtpExtensions;
import io.confero.media.rtp.RtpPacket;
import io.confero.sfu.forward.ForwardDecision;
import io.confero.sfu.forward.Forwarder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Per-packet cost of the forwarding path for one incoming video packet fanned out to 5
 * subscribers: parse the RTP view, then per subscriber Forwarder.decide, copy (the lazy clone
 * every receiver but the last needs), rewrite SSRC/seq/ts/marker and stamp a transport-wide seq.
 * Run with {@link #main}; it is not part of the test suite.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ForwarderBench {
    static final int SUBSCRIBERS = 5;
    static final int TWCC_ID = 5;
    static final int SOURCE_SSRC = 0x11223344;

    private final byte[] source = new byte[1200];
    private final byte[][] out = new byte[SUBSCRIBERS][1500];
    private final Forwarder[] forwarders = new Forwarder[SUBSCRIBERS];
    private int seq;
    private long ts;
    private long nowNanos;
    private int transportSeq;

    @Setup
    public void setup() {
        source[0] = (byte) 0x90;
        source[1] = 96;
        source[8] = 0x11;
        source[9] = 0x22;
        source[10] = 0x33;
        source[11] = 0x44;
        byte[] ext = {(byte) 0xBE, (byte) 0xDE, 0, 1, 0x51, 0, 0, 0};
        System.arraycopy(ext, 0, source, 12, ext.length);
        source[20] = 0x10;
        source[21] = 0x50;
        for (int i = 0; i < SUBSCRIBERS; i++) {
            forwarders[i] = new Forwarder(0x5000 + i, 90000, true, 1000 * i, 7777L * i);
            forwarders[i].switchTo(SOURCE_SSRC);
        }
    }

    @Benchmark
    public void fanOutToFiveSubscribers(Blackhole bh) {
        seq = (seq + 1) & 0xFFFF;
        ts += 3000;
        nowNanos += 1_000_000;
        source[2] = (byte) (seq >>> 8);
        source[3] = (byte) seq;
        RtpPacket in = RtpPacket.parse(source, 0, source.length);
        boolean key = seq % 300 == 1;
        for (int i = 0; i < SUBSCRIBERS; i++) {
            ForwardDecision d = forwarders[i].decide(in.ssrc(), in.sequenceNumber(), ts & 0xFFFFFFFFL,
                in.marker(), key || i == 0 && seq == 1, nowNanos);
            if (d.isForward()) {
                System.arraycopy(source, 0, out[i], 0, source.length);
                RtpPacket p = RtpPacket.parse(out[i], 0, source.length);
                p.setSsrc(d.ssrc());
                p.setSequenceNumber(d.sequenceNumber());
                p.setTimestamp(d.timestamp());
                p.setMarker(d.marker());
                RtpExtensions.setTransportSequence(p, TWCC_ID, transportSeq++ & 0xFFFF);
            }
            bh.consume(d);
        }
    }

    @Benchmark
    public void decideOnly(Blackhole bh) {
        seq = (seq + 1) & 0xFFFF;
        ts += 3000;
        nowNanos += 1_000_000;
        for (int i = 0; i < SUBSCRIBERS; i++) {
            bh.consume(forwarders[i].decide(SOURCE_SSRC, seq, ts & 0xFFFFFFFFL, false, true, nowNanos));
        }
    }

    /** Runs the benchmark; standard JMH command-line options (e.g. {@code -wi 3 -i 5 -f 1}) apply. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options opt = new OptionsBuilder()
            .parent(new CommandLineOptions(args))
            .include(ForwarderBench.class.getSimpleName())
            .build();
        new Runner(opt).run();
    }
}
