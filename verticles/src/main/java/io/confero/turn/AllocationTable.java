package io.confero.turn;

import io.confero.turn.ClientChannel.ClientKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Allocations by client 5-tuple, plus the ones whose relay socket is still being bound. */
final class AllocationTable {
    private final Map<ClientKey, Allocation> allocations = new HashMap<>();
    private final Map<ClientKey, String> pending = new HashMap<>();
    private final Map<Long, Reservation> reservations = new HashMap<>();

    /** A relay socket held for a later Allocate with RESERVATION-TOKEN (RFC 8656 §7.2, §14.9). */
    record Reservation(RelaySocket relay, long expiresAt) {
    }

    void reserve(long token, RelaySocket relay, long expiresAt) {
        reservations.put(token, new Reservation(relay, expiresAt));
    }

    /** Takes the reserved socket for {@code token}, or null if unknown or expired. */
    RelaySocket takeReservation(long token, long now) {
        Reservation r = reservations.get(token);
        if (r == null || now >= r.expiresAt()) {
            return null;
        }
        reservations.remove(token);
        return r.relay();
    }

    /** Removes and returns the reservations expired at {@code now}. */
    List<RelaySocket> expireReservations(long now) {
        List<RelaySocket> out = new ArrayList<>();
        reservations.values().removeIf(r -> {
            boolean expired = now >= r.expiresAt();
            if (expired) {
                out.add(r.relay());
            }
            return expired;
        });
        return out;
    }

    Allocation get(ClientKey key) {
        return allocations.get(key);
    }

    boolean isPending(ClientKey key) {
        return pending.containsKey(key);
    }

    void markPending(ClientKey key, String user) {
        pending.put(key, user);
    }

    /** Ends the pending state; false if it was cancelled meanwhile (client gone). */
    boolean clearPending(ClientKey key) {
        return pending.remove(key) != null;
    }

    void put(ClientKey key, Allocation a) {
        allocations.put(key, a);
    }

    Allocation remove(ClientKey key) {
        pending.remove(key);
        return allocations.remove(key);
    }

    int size() {
        return allocations.size();
    }

    int sizeIncludingPending() {
        return allocations.size() + pending.size();
    }

    /** Allocations (and pending ones) of every user of {@code meeting} ({@link TurnCredentials#meetingOf}). */
    int countForMeeting(String meeting) {
        int n = 0;
        for (Allocation a : allocations.values()) {
            if (TurnCredentials.meetingOf(a.user).equals(meeting)) {
                n++;
            }
        }
        for (String u : pending.values()) {
            if (TurnCredentials.meetingOf(u).equals(meeting)) {
                n++;
            }
        }
        return n;
    }

    int countForUser(String user) {
        int n = 0;
        for (Allocation a : allocations.values()) {
            if (a.user.equals(user)) {
                n++;
            }
        }
        for (String u : pending.values()) {
            if (u.equals(user)) {
                n++;
            }
        }
        return n;
    }

    /** Removes and returns the allocations expired at {@code now}; sweeps the rest. */
    List<Allocation> expire(long now) {
        List<Allocation> expired = new ArrayList<>();
        allocations.values().removeIf(a -> {
            if (a.isExpired(now)) {
                expired.add(a);
                return true;
            }
            a.sweep(now);
            return false;
        });
        return expired;
    }

    /** Removes and returns the allocations whose user matches; pending ones are cancelled. */
    List<Allocation> removeUsers(java.util.function.Predicate<String> user) {
        List<Allocation> out = new ArrayList<>();
        allocations.values().removeIf(a -> {
            boolean match = user.test(a.user);
            if (match) {
                out.add(a);
            }
            return match;
        });
        pending.values().removeIf(user);
        return out;
    }

    List<Allocation> removeAll() {
        List<Allocation> all = new ArrayList<>(allocations.values());
        allocations.clear();
        pending.clear();
        reservations.values().forEach(r -> r.relay().close());
        reservations.clear();
        return all;
    }
}
