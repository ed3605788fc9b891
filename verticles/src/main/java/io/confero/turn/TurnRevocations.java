package io.confero.turn;

import java.util.HashMap;
import java.util.Map;

/**
 * Credentials that ended before they expired. REST credentials carry only their expiry, so a seat
 * that ended at time {@code t} revokes every credential of its user minted at or before {@code t}
 * (minted = expiry − TTL); a later join of the same seat mints fresh credentials that pass. A
 * meeting that ended revokes every user of the meeting the same way. Entries are forgotten once no
 * credential they revoke can still be valid ({@code t} + TTL), so the table holds at most the seats
 * that ended within one TTL. Pure: times are given, nothing is read from a clock.
 *
 * <p>Invariants: a credential minted after its seat's (and meeting's) last end is never revoked;
 * one minted at or before either end is always revoked until it expires.
 */
final class TurnRevocations {
    private final long ttlSeconds;
    private final Map<String, Long> users = new HashMap<>();
    private final Map<String, Long> meetings = new HashMap<>();

    TurnRevocations(long ttlSeconds) {
        this.ttlSeconds = ttlSeconds;
    }

    /** The seat of TURN user {@code <meeting>.<participant>} ended at {@code atEpochSeconds}. */
    void revokeUser(String user, long atEpochSeconds) {
        users.merge(user, atEpochSeconds, Math::max);
    }

    /** Every seat of {@code meeting} ended at {@code atEpochSeconds}. */
    void revokeMeeting(String meeting, long atEpochSeconds) {
        meetings.merge(meeting, atEpochSeconds, Math::max);
    }

    /** Whether the REST {@code username} ({@code <expiry>:<user>}) was minted before its seat ended. */
    boolean isRevoked(String username) {
        long expiry = TurnCredentials.expiryOf(username);
        if (expiry < 0) {
            return false; // not REST-shaped: the authenticator refuses it as expired anyway
        }
        long minted = expiry - ttlSeconds;
        String user = TurnCredentials.userOf(username);
        Long seat = users.get(user);
        Long meeting = meetings.get(TurnCredentials.meetingOf(user));
        return seat != null && minted <= seat || meeting != null && minted <= meeting;
    }

    /** Forgets ends that no unexpired credential can precede any more. */
    void purge(long nowEpochSeconds) {
        users.values().removeIf(at -> at + ttlSeconds < nowEpochSeconds);
        meetings.values().removeIf(at -> at + ttlSeconds < nowEpochSeconds);
    }

    int size() {
        return users.size() + meetings.size();
    }
}
