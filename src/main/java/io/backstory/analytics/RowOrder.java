package io.backstory.analytics;

/**
 * Stable ascending order of rows by time, on primitive arrays (no boxing of a million indices).
 * Stability keeps the order within tied times as given, like R's {@code order()}. Keys travel with
 * their indices through a bottom-up merge sort so that every pass reads memory sequentially.
 */
final class RowOrder {

    private static final int RUN = 32;

    private RowOrder() {
    }

    /** Whole-day follow-up (the clinic's case) up to this many days is ordered by counting, O(n). */
    private static final int COUNTING_MAX = 1 << 22;

    private static int[] countingOrder(double[] time) {
        double max = 0;
        for (double t : time) {
            if (t < 0 || t != Math.rint(t) || t > COUNTING_MAX) {
                return null;
            }
            max = Math.max(max, t);
        }
        int[] start = new int[(int) max + 2];
        for (double t : time) {
            start[(int) t + 1]++;
        }
        for (int v = 1; v < start.length; v++) {
            start[v] += start[v - 1];
        }
        int[] out = new int[time.length];
        for (int i = 0; i < time.length; i++) {
            out[start[(int) time[i]]++] = i;
        }
        return out;
    }

    static int[] byTime(double[] time) {
        int n = time.length;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = time[i - 1] <= time[i];
        }
        if (sorted) {
            return a;
        }
        int[] counted = countingOrder(time);
        if (counted != null) {
            return counted;
        }
        double[] k = time.clone();
        for (int lo = 0; lo < n; lo += RUN) {
            int hi = Math.min(lo + RUN, n);
            for (int i = lo + 1; i < hi; i++) {
                int v = a[i];
                double kv = k[i];
                int j = i - 1;
                while (j >= lo && k[j] > kv) {
                    a[j + 1] = a[j];
                    k[j + 1] = k[j];
                    j--;
                }
                a[j + 1] = v;
                k[j + 1] = kv;
            }
        }
        int[] b = new int[n];
        double[] kb = new double[n];
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int m = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = m;
                int o = lo;
                if (m >= hi || k[m - 1] <= k[m]) {
                    System.arraycopy(a, lo, b, lo, hi - lo);
                    System.arraycopy(k, lo, kb, lo, hi - lo);
                    continue;
                }
                while (i < m && j < hi) {
                    if (k[j] < k[i]) {
                        kb[o] = k[j];
                        b[o++] = a[j++];
                    } else {
                        kb[o] = k[i];
                        b[o++] = a[i++];
                    }
                }
                System.arraycopy(a, i, b, o, m - i);
                System.arraycopy(k, i, kb, o, m - i);
                o += m - i;
                System.arraycopy(a, j, b, o, hi - j);
                System.arraycopy(k, j, kb, o, hi - j);
            }
            int[] t = a;
            a = b;
            b = t;
            double[] tk = k;
            k = kb;
            kb = tk;
        }
        return a;
    }
}
