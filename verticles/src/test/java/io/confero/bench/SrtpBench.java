package io.confero.bench;

import io.confero.media.srtp.SrtpKeys;
import io.confero.media.srtp.SrtpProfile;
import io.confero.media.srtp.SrtpSession;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * SRTP protect and unprotect of an 1100-byte RTP packet per profile, through {@link SrtpSession}.
 *
 * <p>{@code protect} copies a plain packet into the buffer and protects it under the next sequence
 * number. {@code unprotect} authenticates and decrypts a run of {@value #RUN} distinct packets
 * protected beforehand; the replay window refuses repeats, so each invocation starts from a fresh
 * receiving session and fresh copies, prepared outside the measured time.
 * Run: {@code java -cp <test classpath> io.confero.bench.SrtpBench [quick]}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SrtpBench {
    private static final int PACKET = 1100;
    static final int RUN = 2048;

    @Param({"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM"})
    public String profile;

    private SrtpKeys keys;
    private SrtpSession sender;
    private SrtpSession receiver;
    private byte[] plain;
    private byte[] buf;
    private int seq;
    private byte[][] protectedRun;
    private byte[][] work;
    private int protectedLength;

    @Setup(Level.Trial)
    public void setUp() {
        SrtpProfile p = SrtpProfile.valueOf(profile);
        byte[] material = new byte[p.exporterLength()];
        new Random(7).nextBytes(material);
        keys = SrtpKeys.fromExporter(p, material);
        sender = SrtpSession.forDtlsClient(keys);
        plain = new byte[PACKET];
        new Random(8).nextBytes(plain);
        plain[0] = (byte) 0x80;
        plain[1] = 96;
        buf = new byte[PACKET + p.rtpOverhead()];
        try (SrtpSession runSender = SrtpSession.forDtlsClient(keys)) {
            protectedRun = new byte[RUN][];
            work = new byte[RUN][PACKET + p.rtpOverhead()];
            for (int i = 0; i < RUN; i++) {
                byte[] packet = java.util.Arrays.copyOf(plain, PACKET + p.rtpOverhead());
                packet[2] = (byte) (i >>> 8);
                packet[3] = (byte) i;
                protectedLength = runSender.protectRtp(packet, 0, PACKET);
                protectedRun[i] = packet;
            }
        }
    }

    @Setup(Level.Invocation)
    public void freshReceiver() {
        if (receiver != null) {
            receiver.close();
        }
        receiver = SrtpSession.forDtlsServer(keys);
        for (int i = 0; i < RUN; i++) {
            System.arraycopy(protectedRun[i], 0, work[i], 0, protectedLength);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sender.close();
        receiver.close();
    }

    @Benchmark
    public int protect() {
        System.arraycopy(plain, 0, buf, 0, plain.length);
        seq = (seq + 1) & 0xFFFF;
        buf[2] = (byte) (seq >>> 8);
        buf[3] = (byte) seq;
        return sender.protectRtp(buf, 0, plain.length);
    }

    @Benchmark
    @OperationsPerInvocation(RUN)
    public int unprotect() {
        int sum = 0;
        for (int i = 0; i < RUN; i++) {
            int len = receiver.unprotectRtp(work[i], 0, protectedLength);
            if (len != PACKET) {
                throw new IllegalStateException("unprotect failed: " + len);
            }
            sum += len;
        }
        return sum;
    }

    /**
     * Runs the benchmark. Arguments: {@code quick} for a short run (1 warm-up, 3 measured 1 s
     * iterations); {@code sample} for sampled times with percentiles (the median resists a busy machine).
     */
    public static void main(String[] args) throws RunnerException {
        java.util.List<String> flags = java.util.List.of(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.include(SrtpBench.class.getSimpleName());
        if (flags.contains("quick")) {
            builder.warmupIterations(1).measurementIterations(3);
        }
        if (flags.contains("sample")) {
            builder.mode(Mode.SampleTime);
        }
        new Runner(builder.build()).run();
    }
}
