package io.backstory.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * R's {@code cox.zph} (survival 3.x) on a fitted model: g(t) per event time (transformed, then centred by
 * its mean over the event rows), the score u and information of the model extended by g(t) x at the fitted
 * coefficients (zph1.c, zph2.c; weighted as the fit, per stratum), and per term the statistic
 * {@code u' I^-1 u} with the fit's own score set to zero. The statistic does not change when columns are
 * centred or scaled, so it is computed on the fit's working design.
 */
final class CoxZph {

    private CoxZph() {
    }

    static PhTestResult test(CoxLikelihood lik, EventGroups groups, double[] start, double[] stop,
                             PhTransform transform, List<String> names, double tolerance) {
        int p = names.size();
        double[] g = timeWeights(groups, start, stop, transform);
        double[][] stats = lik.zph(g);
        double[] u = stats[0];
        double[][] info = Arrays.copyOfRange(stats, 1, stats.length);

        Map<String, List<Integer>> terms = new LinkedHashMap<>();
        for (int j = 0; j < p; j++) {
            terms.computeIfAbsent(termOf(names.get(j)), k -> new ArrayList<>()).add(j);
        }
        List<PhTestTerm> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : terms.entrySet()) {
            out.add(term(e.getKey(), e.getValue(), p, u, info, tolerance));
        }
        List<Integer> all = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            all.add(j);
        }
        return new PhTestResult(transform, out, term("GLOBAL", all, p, u, info, tolerance));
    }

    /** {@code sex[M]} and {@code sex[X]} belong to term {@code sex}, as R's terms = TRUE groups factor columns. */
    static String termOf(String column) {
        int bracket = column.indexOf('[');
        return bracket > 0 && column.endsWith("]") ? column.substring(0, bracket) : column;
    }

    private static PhTestTerm term(String name, List<Integer> columns, int p, double[] u, double[][] info,
                                   double tolerance) {
        int q = p + columns.size();
        int[] index = new int[q];
        for (int j = 0; j < p; j++) {
            index[j] = j;
        }
        for (int c = 0; c < columns.size(); c++) {
            index[p + c] = p + columns.get(c);
        }
        double[][] sub = new double[q][q];
        double[] score = new double[q];
        for (int a = 0; a < q; a++) {
            for (int b = 0; b < q; b++) {
                sub[a][b] = info[index[a]][index[b]];
            }
            // the fit's own score is zero at its estimate: cox.zph sets it so exactly
            score[a] = a < p ? 0.0 : u[index[a]];
        }
        double[] solved = SymmetricSystem.factor(sub, tolerance).solve(score);
        double chisq = 0;
        for (int a = 0; a < q; a++) {
            chisq += solved[a] * score[a];
        }
        int df = columns.size();
        return new PhTestTerm(name, chisq, df, Tails.chiSquareUpper(chisq, df));
    }

    /**
     * g(t) for every slot's event time, centred: {@code ttimes - mean(ttimes[event])} over the event rows.
     * Sentinel slots get 0 (no event there).
     */
    static double[] timeWeights(EventGroups groups, double[] start, double[] stop, PhTransform transform) {
        double[] t = groups.time;
        double[] g = new double[groups.slots];
        double[] pooled = pooledEventTimes(groups);
        double[] beforeKm = transform == PhTransform.KM ? survivalBefore(pooled, groups, start, stop) : null;
        double[] sortedStop = transform == PhTransform.RANK ? sortedCopy(stop) : null;
        double sum = 0;
        for (int s = 0; s < groups.strata; s++) {
            for (int k = groups.base[s] + 1; k < groups.base[s + 1]; k++) {
                double v = switch (transform) {
                    case IDENTITY -> t[k];
                    case LOG -> {
                        if (!(t[k] > 0)) {
                            throw new IllegalArgumentException(
                                    "transform: log needs every event time > 0, found an event at " + t[k]);
                        }
                        yield Math.log(t[k]);
                    }
                    case RANK -> averageRank(sortedStop, t[k]);
                    case KM -> 1.0 - beforeKm[Arrays.binarySearch(pooled, t[k])];
                };
                g[k] = v;
                sum += v * groups.deaths[k];
            }
        }
        double mean = sum / groups.events;
        for (int s = 0; s < groups.strata; s++) {
            for (int k = groups.base[s] + 1; k < groups.base[s + 1]; k++) {
                g[k] -= mean;
            }
        }
        return g;
    }

    /** Distinct event times over all strata, ascending. */
    private static double[] pooledEventTimes(EventGroups groups) {
        double[] all = new double[groups.slots - groups.strata];
        int c = 0;
        for (int s = 0; s < groups.strata; s++) {
            for (int k = groups.base[s] + 1; k < groups.base[s + 1]; k++) {
                all[c++] = groups.time[k];
            }
        }
        Arrays.sort(all);
        int u = 0;
        for (int i = 0; i < all.length; i++) {
            if (u == 0 || all[i] != all[u - 1]) {
                all[u++] = all[i];
            }
        }
        return Arrays.copyOf(all, u);
    }

    /**
     * The pooled Kaplan-Meier S(t-) at each pooled event time: {@code survfitKM} on all rows, unit weights,
     * no strata; a row is at risk at t when start &lt; t &lt;= stop.
     */
    private static double[] survivalBefore(double[] pooled, EventGroups groups, double[] start, double[] stop) {
        int q = pooled.length;
        double[] atRisk = new double[q];
        // a row counts +1 at the last event time <= stop and -1 at the last <= start; then a reverse cumsum
        int[] count = new int[q + 1];
        countAtOrBefore(pooled, stop, count, 1);
        if (start != null) {
            countAtOrBefore(pooled, start, count, -1);
        }
        for (int i = 0; i < q; i++) {
            atRisk[i] = count[i + 1];
        }
        for (int i = q - 2; i >= 0; i--) {
            atRisk[i] += atRisk[i + 1];
        }
        double[] deaths = new double[q];
        for (int s = 0; s < groups.strata; s++) {
            for (int k = groups.base[s] + 1; k < groups.base[s + 1]; k++) {
                deaths[Arrays.binarySearch(pooled, groups.time[k])] += groups.deaths[k];
            }
        }
        double[] before = new double[q];
        double surv = 1;
        for (int i = 0; i < q; i++) {
            before[i] = surv;
            surv *= 1 - deaths[i] / atRisk[i];
        }
        return before;
    }

    /**
     * {@code count[1 + last event time <= t] += sign} for every t (index 0: before the first); whole days are
     * looked up in a table, other times by binary search.
     */
    private static void countAtOrBefore(double[] pooled, double[] times, int[] count, int sign) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean days = true;
        for (double t : times) {
            days &= t == Math.rint(t);
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        if (days && max - min < 1 << 22) {
            int lowest = (int) min;
            int[] table = new int[(int) (max - min) + 1];
            for (int d = 0, i = -1; d < table.length; d++) {
                while (i + 1 < pooled.length && pooled[i + 1] <= lowest + d) {
                    i++;
                }
                table[d] = i + 1;
            }
            for (double t : times) {
                count[table[(int) t - lowest]] += sign;
            }
            return;
        }
        for (double t : times) {
            count[lastAtOrBefore(pooled, t) + 1] += sign;
        }
    }

    private static int lastAtOrBefore(double[] sorted, double t) {
        int i = Arrays.binarySearch(sorted, t);
        return i >= 0 ? i : -i - 2;
    }

    private static double[] sortedCopy(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s;
    }

    /** R's {@code rank(times)} for a value present in {@code sorted}: ties get their average rank. */
    private static double averageRank(double[] sorted, double t) {
        int below = lowerBound(sorted, t);
        int atOrBelow = lowerBound(sorted, Math.nextUp(t));
        return below + (atOrBelow - below + 1) / 2.0;
    }

    private static int lowerBound(double[] sorted, double t) {
        int a = 0;
        int b = sorted.length;
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (sorted[mid] < t) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        return a;
    }
}
