package io.vfn.runtime;

import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;

/**
 * Picks the revision of a function's default route for one call from the route's weights. The pick is a function of
 * the call id, so every attempt of one call (retries, redrives) lands on the same revision while the weights stay.
 */
final class TrafficSplit {

    private TrafficSplit() {}

    /**
     * @param weights revision → percent, summing to 100; empty when the revision in force takes all
     * @param callId  the call's id
     * @return the revision, or empty for the revision in force
     */
    static OptionalInt choose(SortedMap<Integer, Integer> weights, String callId) {
        if (weights.isEmpty()) {
            return OptionalInt.empty();
        }
        int bucket = bucket(callId);
        int upTo = 0;
        for (Map.Entry<Integer, Integer> share : weights.entrySet()) {
            upTo += share.getValue();
            if (bucket < upTo) {
                return OptionalInt.of(share.getKey());
            }
        }
        return OptionalInt.empty();
    }

    /** 0-99, evenly spread: the string hash mixed (MurmurHash3's finalizer), since call ids may share long prefixes. */
    static int bucket(String callId) {
        int h = callId.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, 100);
    }
}
