package io.confero.bench;

import io.confero.media.srtp.SrtpKeys;
import io.confero.media.srtp.SrtpProfile;
import io.confero.media.srtp.SrtpSession;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * SRTP protect and unprotect of an 1100-byte RTP packet per profile.
 *
 * <p>{@code protect} copies a plain packet into the buffer and protects it with a new sequence
 * number. Unprotect needs a fresh, valid packet every time (the replay window refuses repeats), so
 * {@code protectThenUnprotect} does both and unprotect's cost is the difference of the two.
 * Run: {@code java -cp <test classpath> io.confero.bench.SrtpBench [quick]}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SrtpBench {
    private static final int PAYLOAD = 1100 - 12;

    @Param({"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM"})
    public String profile;

    private SrtpSession sender;
    private SrtpSession receiver;
    private byte[] plain;
    private byte[] buf;
    private int seq;

    @Setup
    public void setUp() {
        SrtpProfile p = SrtpProfile.valueOf(profile);
        byte[] material = new byte[p.exporterLength()];
        new Random(7).nextBytes(material);
        SrtpKeys keys = SrtpKeys.fromExporter(p, material);
        sender = SrtpSession.forDtlsClient(keys);
        receiver = SrtpSession.forDtlsServer(keys);
        plain = new byte[12 + PAYLOAD];
        new Random(8).nextBytes(plain);
        plain[0] = (byte) 0x80;
        plain[1] = 96;
        buf = new byte[plain.length + p.rtpOverhead()];
    }

    @TearDown
    public void tearDown() {
        sender.close();
        receiver.close();
    }

    @Benchmark
    public int protect() {
        return protectNext();
    }

    @Benchmark
    public int protectThenUnprotect() {
        int len = protectNext();
        int result = receiver.unprotectRtp(buf, 0, len);
        if (result < 0) {
            throw new IllegalStateException("unprotect failed: " + result);
        }
        return result;
    }

    private int protectNext() {
        System.arraycopy(plain, 0, buf, 0, plain.length);
        seq = (seq + 1) & 0xFFFF;
        buf[2] = (byte) (seq >>> 8);
        buf[3] = (byte) seq;
        return sender.protectRtp(buf, 0, plain.length);
    }

    /** Runs the benchmark; pass {@code quick} for a short run (1 warm-up, 3 measured 1 s iterations). */
    public static void main(String[] args) throws RunnerException {
        OptionsBuilder builder = new OptionsBuilder();
        builder.include(SrtpBench.class.getSimpleName());
        if (args.length > 0 && "quick".equals(args[0])) {
            builder.warmupIterations(1).measurementIterations(3);
        }
        Options options = builder.build();
        new Runner(options).run();
    }
}
