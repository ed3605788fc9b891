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

    List<Allocation> removeAll() {
        List<Allocation> all = new ArrayList<>(allocations.values());
        allocations.clear();
        pending.clear();
        return all;
    }
}
