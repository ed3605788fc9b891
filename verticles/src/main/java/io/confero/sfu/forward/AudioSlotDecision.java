package io.confero.sfu.forward;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The immutable result of {@link AudioSlotSelector#decide}: which participant each of one
 * subscriber's audio slots carries now ({@code null}: the slot is silent), and the slots that changed
 * in this decision (ascending) — the owner switches those slots' forwarders and tells the client.
 */
public record AudioSlotDecision(List<String> holders, List<Integer> changed) {
    public AudioSlotDecision {
        holders = Collections.unmodifiableList(new ArrayList<>(holders));
        changed = List.copyOf(changed);
        for (int slot : changed) {
            if (slot < 0 || slot >= holders.size()) {
                throw new IllegalArgumentException("changed slot " + slot + " of " + holders.size());
            }
        }
    }

    /** True when at least one slot carries someone else now. */
    public boolean isChanged() {
        return !changed.isEmpty();
    }

    /** The participant slot {@code slot} carries, or null. */
    public String holder(int slot) {
        return holders.get(slot);
    }
}
