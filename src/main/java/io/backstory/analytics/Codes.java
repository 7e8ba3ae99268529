package io.backstory.analytics;

import java.util.HashMap;
import java.util.Map;

/**
 * Group labels (strata, clusters) recoded as dense integers 0..count-1, so the fits index arrays instead of
 * hashing per row. The numbering follows first appearance; no result depends on it.
 *
 * @param code  dense code of each row
 * @param count number of distinct labels
 */
record Codes(int[] code, int count) {

    static Codes of(int[] labels, String field) {
        if (labels == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int v : labels) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int[] code = new int[labels.length];
        if (labels.length > 0 && (long) max - min < 4L * labels.length + 1024) {
            // small range (therapist numbers, row ids): a lookup table instead of a hash map
            int[] map = new int[max - min + 1];
            java.util.Arrays.fill(map, -1);
            int count = 0;
            for (int i = 0; i < labels.length; i++) {
                int slot = labels[i] - min;
                if (map[slot] < 0) {
                    map[slot] = count++;
                }
                code[i] = map[slot];
            }
            return new Codes(code, count);
        }
        Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            code[i] = seen.computeIfAbsent(labels[i], k -> seen.size());
        }
        return new Codes(code, seen.size());
    }

    static Codes of(String[] labels, String field) {
        if (labels == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        Map<String, Integer> seen = new HashMap<>();
        int[] code = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == null || labels[i].isBlank()) {
                throw new IllegalArgumentException(field + "[" + i + "] must be a non-blank label");
            }
            // get/put rather than computeIfAbsent with a lambda reading the map: no capture per row
            Integer c = seen.get(labels[i]);
            if (c == null) {
                c = seen.size();
                seen.put(labels[i], c);
            }
            code[i] = c;
        }
        return new Codes(code, seen.size());
    }
}
