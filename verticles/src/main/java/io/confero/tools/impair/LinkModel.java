package io.confero.tools.impair;

import java.util.random.RandomGenerator;

/**
 * One direction of one impaired link: the rate cap and its queue ({@link TokenBucket}), then loss
 * ({@link LossModel}), then delay and jitter. Packets keep their order (a path, unlike netem's
 * jitter, does not reorder). Pure and single-threaded: time and randomness are injected; the
 * {@link ImpairRelay} shell calls it from one thread per direction.
 */
public final class LinkModel {
    private final RandomGenerator random;
    private ImpairmentSpec spec;
    private TokenBucket bucket;
    private LossModel loss;
    private long lastDelivery = Long.MIN_VALUE;

    public LinkModel(ImpairmentSpec spec, RandomGenerator random) {
        this.random = random;
        reconfigure(spec);
    }

    /** What happened to a packet. */
    public enum Fate { DELIVER, QUEUE_FULL, LOST }

    /** @param deliverAtNanos when to send it on (meaningful for {@link Fate#DELIVER}) */
    public record Verdict(Fate fate, long deliverAtNanos) {
    }

    /** Switches to another spec (a schedule step): a fresh queue and loss state, the order kept. */
    public void reconfigure(ImpairmentSpec next) {
        this.spec = next;
        this.bucket = new TokenBucket(next.rateBps(), next.effectiveBurstBytes(), next.queueMillis() * 1_000_000L);
        this.loss = next.loss().fresh();
    }

    public ImpairmentSpec spec() { return spec; }

    /** Decides the fate of the datagram {@code buf[off, off + len)} arriving at {@code nowNanos}. */
    public Verdict offer(byte[] buf, int off, int len, long nowNanos) {
        long departure = bucket.offer(len, nowNanos);
        if (departure < 0) {
            return new Verdict(Fate.QUEUE_FULL, 0);
        }
        if (lossApplies(buf, off, len) && loss.lose(random)) {
            return new Verdict(Fate.LOST, 0);
        }
        long jitter = spec.jitterMillis() == 0 ? 0
            : random.nextLong(-spec.jitterMillis() * 1_000_000L, spec.jitterMillis() * 1_000_000L + 1);
        long at = departure + spec.delayMillis() * 1_000_000L + jitter;
        if (lastDelivery != Long.MIN_VALUE && at - lastDelivery < 0) {
            at = lastDelivery;
        }
        lastDelivery = at;
        return new Verdict(Fate.DELIVER, at);
    }

    private boolean lossApplies(byte[] b, int off, int len) {
        if (spec.scope() == ImpairmentSpec.Scope.ALL) {
            return true;
        }
        return isRtp(b, off, len) && !spec.sparedPayloadTypes().contains(b[off + 1] & 0x7F);
    }

    /** RTP, not RTCP, STUN or DTLS (RFC 7983 first byte 128–191; RFC 5761 §4 RTCP types 192–223). */
    static boolean isRtp(byte[] b, int off, int len) {
        if (len < 12 || (b[off] & 0xC0) != 0x80) {
            return false;
        }
        int second = b[off + 1] & 0xFF;
        return second < 192 || second > 223;
    }
}
