package io.confero.sfu.forward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Picks which participants one subscriber hears in a large meeting: a fixed number of audio slots
 * (the {@code loudest} loudest plus one for the dominant speaker), remapped at most every
 * {@link #INTERVAL_MILLIS} from the meeting's {@link AudioRanking} — Jitsi Videobridge's "route
 * loudest only" with its SSRC rewriting, where a receiver has a small pool of send SSRCs that are
 * reassigned to whoever is loud. Each slot is one outgoing stream whose forwarder switches source
 * seamlessly ({@link Forwarder}); this class only decides. Pure and single-threaded: time is passed in.
 *
 * <p>Invariants after every decision (checked by {@code AudioSlotSelectorProperties}):
 * <ol>
 *   <li>no slot carries the subscriber itself;
 *   <li>no participant is in two slots, and every slot holder has audio now (is in the ranking's
 *       loudness map);
 *   <li>the dominant speaker, when it has audio and is not the subscriber, is in a slot;
 *   <li>loudest few: a speaking participant (loudness at {@link #THRESHOLD} or more) left out is
 *       less than {@link #HYSTERESIS} louder than every holder but the dominant speaker — nobody
 *       clearly louder is missing;
 *   <li>hysteresis: a holder that still has audio and is at or above the threshold loses its slot
 *       only to the dominant speaker or to someone at least {@link #HYSTERESIS} louder;
 *   <li>stability: a participant that keeps a slot keeps the same slot (the client's stream for
 *       them does not move), and deciding twice on the same input changes nothing the second time.
 * </ol>
 */
public final class AudioSlotSelector {
    /** How often slots may be remapped (the issue asks for 100–150 ms). */
    public static final long INTERVAL_MILLIS = 120;
    /** Loudness that counts as speaking (about -60 dBov), as for the active speaker. */
    public static final int THRESHOLD = ActiveSpeakerDetector.THRESHOLD;
    /** Loudness units (dB) a challenger must be louder than a speaking holder to take its slot. */
    public static final int HYSTERESIS = 6;

    private final String self;
    private final String[] holders;
    private boolean decidedOnce;
    private long lastDecisionMillis;

    /**
     * @param self the subscriber, never put in a slot
     * @param loudest how many loudest speakers it hears besides the dominant one (at least 1)
     */
    public AudioSlotSelector(String self, int loudest) {
        if (loudest < 1) {
            throw new IllegalArgumentException("loudest " + loudest);
        }
        this.self = Objects.requireNonNull(self);
        this.holders = new String[loudest + 1];
    }

    public int slotCount() {
        return holders.length;
    }

    /** Who each slot carries now (null: silent). */
    public List<String> holders() {
        return Arrays.asList(holders.clone());
    }

    /** How many entries of the ranking a decision looks at (see {@link AudioRanking}). */
    public static int rankingDepth(int slots) {
        return 2 * slots + 1;
    }

    /** True when a decision is due at {@code nowMillis}. */
    public boolean due(long nowMillis) {
        return !decidedOnce || nowMillis - lastDecisionMillis >= INTERVAL_MILLIS;
    }

    /**
     * Remaps the slots from the meeting's ranking and its dominant speaker (may be null).
     *
     * @return the decision, with no changed slots when nothing changed; null when no decision was due
     */
    public AudioSlotDecision decide(AudioRanking ranking, String dominant, long nowMillis) {
        if (!due(nowMillis)) {
            return null;
        }
        decidedOnce = true;
        lastDecisionMillis = nowMillis;
        String[] before = holders.clone();
        for (int i = 0; i < holders.length; i++) {
            if (ranking.of(holders[i]) < 0) {
                holders[i] = null; // left, muted or unpublished
            }
        }
        String reserved = dominant != null && !dominant.equals(self) && ranking.of(dominant) >= 0 ? dominant : null;
        if (reserved != null && indexOf(reserved) < 0) {
            int slot = emptySlot();
            holders[slot < 0 ? quietest(ranking, reserved) : slot] = reserved;
        }
        for (String challenger : ranking.loudestFirst()) {
            if (challenger.equals(self) || indexOf(challenger) >= 0) {
                continue;
            }
            int slot = emptySlot();
            if (slot < 0) {
                slot = quietest(ranking, reserved);
                int held = ranking.of(holders[slot]);
                if (held >= THRESHOLD && ranking.of(challenger) < held + HYSTERESIS) {
                    break; // the rest are quieter still
                }
            }
            holders[slot] = challenger;
        }
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < holders.length; i++) {
            if (!Objects.equals(before[i], holders[i])) {
                changed.add(i);
            }
        }
        return new AudioSlotDecision(Arrays.asList(holders.clone()), changed);
    }

    private int indexOf(String participant) {
        for (int i = 0; i < holders.length; i++) {
            if (participant.equals(holders[i])) {
                return i;
            }
        }
        return -1;
    }

    private int emptySlot() {
        for (int i = 0; i < holders.length; i++) {
            if (holders[i] == null) {
                return i;
            }
        }
        return -1;
    }

    /** The slot of the quietest holder that is not {@code keep} (there is one: at least two slots, all full). */
    private int quietest(AudioRanking ranking, String keep) {
        int best = -1;
        int bestLoudness = Integer.MAX_VALUE;
        for (int i = 0; i < holders.length; i++) {
            if (holders[i].equals(keep)) {
                continue;
            }
            int l = ranking.of(holders[i]);
            if (l < bestLoudness) {
                best = i;
                bestLoudness = l;
            }
        }
        return best;
    }
}
