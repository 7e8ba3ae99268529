package io.backstory.analytics;

import java.util.Arrays;

/**
 * Cox partial likelihood with Efron's tie correction, for right-censored or (start, stop] data, with strata
 * and case weights: its value, score and information (survival's coxfit6.c and agfit4.c), the robust
 * variance's score residuals summed by cluster (coxscore2.c, agscore3.c), and the score test of
 * {@code cox.zph} (zph1.c, zph2.c). Therneau &amp; Grambsch (2000) §3.3, §6.2, §7.2.
 *
 * <p><b>Efron.</b> At an event time with d tied deaths of summed risk e and summed weight W, the rest of
 * the risk set having risk D0, first moment a0 and second moment C0 (the deaths: a2, C2), the denominators
 * are {@code den_f = D0 + f e} for f = 1/d, 2/d, ..., 1 and wtave = W/d. The time adds
 * {@code -wtave sum_f log den_f} to the log-likelihood, {@code -wtave sum_f (a0 + f a2)/den_f} to the score
 * and {@code wtave sum_f [(C0 + f C2)/den_f - (a0 + f a2)(a0 + f a2)'/den_f^2]} to the information.
 *
 * <p><b>Sort-free.</b> Event times are grouped once ({@link EventGroups}): interval k is at risk at slot g
 * exactly when {@code gStart[k] < g <= gStop[k]}. A risk-set sum at every event time is then a scatter of
 * each interval's term to its two slots and a reverse cumulative sum over the slots (pass 1, O(m p), any row
 * order). The second moments are never summed per event time: with {@code h = wtave sum_f 1/den_f} (and
 * {@code hd = wtave sum_f f/den_f} for the deaths' own time), C0 and C2 enter the information as
 * {@code sum_k r_k Phi_k x_k x_k'} where {@code Phi_k} is the sum of h over the event times interval k is at
 * risk at: a difference of one cumulative sum at two slots. Pass 2 is that weighted cross-product over the
 * rows, O(m p^2), and the score {@code sum_k (delta_k w_k - r_k Phi_k) x_k}. Only the outer products
 * {@code a a'} are formed per event time, O(slots p^2). Both passes split the rows over two threads
 * ({@link Halves}) at a point that depends on the row count only, so results are reproducible.
 *
 * <p><b>Fixed covariates over several intervals.</b> With a row map, interval k reads its covariates from
 * design row {@code row[k]} (covariates fixed per subject, weights varying per interval, as after
 * {@code survSplit} for time-varying IPCW weights), so the design is not copied per interval; pass 2 sums
 * the per-interval scalars per design row first and forms the cross-product over the design rows.
 */
final class CoxLikelihood {

    private final int m;
    private final int n;
    private final int p;
    /**
     * Doubles per design row in {@link #x}: p, or more when the fit reads the leading columns of a wider design
     * shared with another fit ({@link WorkingDesign#leading}).
     */
    private final int stride;
    private final int pp;
    private final double[] x;
    private final int[] row;
    private final boolean[] status;
    private final double[] weight;
    private final EventGroups groups;
    private final int mid;
    private final int midRows;
    /** Where the intervals split for the per-row sums: a row boundary when rows ascend, else m (one thread). */
    private final int rowSplit;
    private final int threads;

    /** Linear predictor of each design row (working scale: centred, scaled covariates). */
    final double[] eta;
    private final double[] expEta;

    final double[] u;
    final double[][] imat;

    private final double[][] scatterD;
    private final double[][] scatterE;
    private final double[][] scatterA;
    private final double[][] scatterA2;
    private final double[] blockLoglik = new double[2];
    private final double[][] blockU = new double[2][];
    private final double[][] blockInfo = new double[2][];
    private final double[] h;
    private final double[] adjH;
    private final double[] cumH;
    private final double[] outer;
    private final double[] rowC;
    private final double[] rowD;

    /**
     * @param x      row-major working design, n rows of {@code stride}, the first p of each read
     * @param row    design row of each interval ({@code null}: interval k is design row k)
     * @param status event at the end of each interval
     * @param weight case weight of each interval ({@code null}: 1)
     */
    CoxLikelihood(double[] x, int p, int stride, int n, int[] row, boolean[] status, double[] weight,
                  EventGroups groups) {
        this.m = status.length;
        this.n = n;
        this.p = p;
        this.stride = stride;
        this.pp = p * (p + 1) / 2;
        this.x = x;
        this.row = row;
        this.status = status;
        this.weight = weight;
        this.groups = groups;
        this.mid = Halves.midpoint(m);
        this.midRows = Halves.midpoint(n);
        this.rowSplit = row == null ? m : rowBoundary(row, mid);
        // per-thread slot arrays: with thousands of distinct event times per stratum (continuous time) they
        // would rival the design itself, so the scatter then stays on one thread
        this.threads = mid < m && (long) groups.slots * (2L * p + 2) <= (long) m * 4 ? 2 : 1;
        this.eta = new double[n];
        this.expEta = new double[n];
        this.u = new double[p];
        this.imat = new double[p][p];
        int slots = groups.slots;
        scatterD = new double[threads][slots];
        scatterE = new double[threads][slots];
        scatterA = new double[threads][slots * p];
        scatterA2 = new double[threads][slots * p];
        h = new double[slots];
        adjH = new double[slots];
        cumH = new double[slots];
        outer = new double[pp];
        rowC = row == null ? null : new double[n];
        rowD = row == null ? null : new double[n];
    }

    private static int rowBoundary(int[] row, int mid) {
        for (int k = 1; k < row.length; k++) {
            if (row[k] < row[k - 1]) {
                return row.length;
            }
        }
        int split = mid;
        while (split > 0 && split < row.length && row[split] == row[split - 1]) {
            split++;
        }
        return split;
    }

    /** Log partial likelihood at {@code beta}; fills {@link #u} and {@link #imat} (full symmetric). */
    double evaluate(double[] beta) {
        double loglik = riskSetSums(beta);
        Arrays.fill(outer, 0);
        loglik += eventTimes(outer, null, null);
        cumulate(h, cumH);
        crossProducts();
        for (int j = 0, t = 0; j < p; j++) {
            for (int k = 0; k <= j; k++, t++) {
                double v = blockInfo[0][t] + blockInfo[1][t] - outer[t];
                imat[j][k] = v;
                imat[k][j] = v;
            }
        }
        return loglik;
    }

    /** Pass 1: linear predictor, then each interval's risk scattered to its slots; returns sum of w delta eta. */
    private double riskSetSums(double[] beta) {
        if (row != null) {
            Halves.run(n, midRows, (slot, from, to) -> linearPredictor(beta, from, to));
        }
        if (threads == 2) {
            Halves.run(m, mid, (slot, from, to) -> scatter(slot, beta, from, to));
        } else {
            scatter(0, beta, 0, m);
            blockLoglik[1] = 0;
        }
        if (threads == 2) {
            add(scatterD[0], scatterD[1]);
            add(scatterE[0], scatterE[1]);
            add(scatterA[0], scatterA[1]);
            add(scatterA2[0], scatterA2[1]);
        }
        return blockLoglik[0] + blockLoglik[1];
    }

    private void linearPredictor(double[] beta, int from, int to) {
        for (int i = from; i < to; i++) {
            int off = i * stride;
            double z = 0;
            for (int j = 0; j < p; j++) {
                z += beta[j] * x[off + j];
            }
            eta[i] = z;
            expEta[i] = Math.exp(z);
        }
    }

    private void scatter(int slot, double[] beta, int from, int to) {
        double[] d = scatterD[slot];
        double[] e = scatterE[slot];
        double[] a = scatterA[slot];
        double[] a2 = scatterA2[slot];
        Arrays.fill(d, 0);
        Arrays.fill(e, 0);
        Arrays.fill(a, 0);
        Arrays.fill(a2, 0);
        int[] gStop = groups.gStop;
        int[] gStart = groups.gStart;
        boolean entry = groups.entry;
        double loglik = 0;
        if (row == null) {
            linearPredictor(beta, from, to);
        }
        // (start, stop] intervals subtract their risk at the entry slot; consecutive intervals of one design
        // row (a split subject) meet at the same slot, so the first moment is added there once, net
        int pendingRow = -1;
        int pendingSlot = -1;
        double pending = 0;
        int[] deaths = groups.deaths;
        for (int k = from; k < to; k++) {
            int i = row == null ? k : row[k];
            int gs = gStop[k];
            int g0 = gStart[k];
            if (gs == g0) {
                continue;
            }
            double w = weight == null ? 1.0 : weight[k];
            double r = w * expEta[i];
            int off = i * stride;
            if (entry && deaths[g0] > 0) {
                // (an entry before the stratum's first event time is at its sentinel, which is never read)
                d[g0] -= r;
                if (i == pendingRow && g0 == pendingSlot) {
                    pending -= r;
                } else {
                    if (pendingRow >= 0) {
                        addScaled(a, pendingSlot * p, pending, pendingRow * stride);
                    }
                    pendingRow = i;
                    pendingSlot = g0;
                    pending = -r;
                }
            }
            if (status[k]) {
                loglik += w * eta[i];
                e[gs] += r;
                addScaled(a2, gs * p, r, off);
            } else {
                d[gs] += r;
                if (i == pendingRow && gs == pendingSlot) {
                    pending += r;
                } else {
                    if (pendingRow >= 0) {
                        addScaled(a, pendingSlot * p, pending, pendingRow * stride);
                    }
                    pendingRow = i;
                    pendingSlot = gs;
                    pending = r;
                }
            }
        }
        if (pendingRow >= 0) {
            addScaled(a, pendingSlot * p, pending, pendingRow * stride);
        }
        blockLoglik[slot] = loglik;
    }

    private void addScaled(double[] target, int at, double r, int off) {
        for (int j = 0; j < p; j++) {
            target[at + j] += r * x[off + j];
        }
    }

    private static void add(double[] into, double[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
    }

    /**
     * The event-time pass over the merged scatter: per slot the Efron sums, h and the deaths' adjustment,
     * the outer products into {@code outerInto}; returns the log-likelihood's denominator part. With
     * {@code residuals} (3 arrays of slots x p: xbar, M increment, deaths' M adjustment) it also keeps what
     * the score residuals need. With {@code timeWeight} the outer products are weighted by it.
     */
    private double eventTimes(double[] outerInto, double[][] residuals, double[] timeWeight) {
        double[] d = scatterD[0];
        double[] e = scatterE[0];
        double[] a = scatterA[0];
        double[] a2 = scatterA2[0];
        double[] cumA = new double[p];
        double[] a0 = new double[p];
        double loglik = 0;
        for (int s = 0; s < groups.strata; s++) {
            double cumD = 0;
            Arrays.fill(cumA, 0);
            for (int g = groups.base[s + 1] - 1; g > groups.base[s]; g--) {
                int off = g * p;
                double d0 = cumD + d[g];
                double eg = e[g];
                for (int j = 0; j < p; j++) {
                    a0[j] = cumA[j] + a[off + j];
                }
                int deaths = groups.deaths[g];
                double wtave = groups.deadWeight[g] / deaths;
                double s1 = 0, sf1 = 0, s2 = 0, sf2 = 0, sff2 = 0, logs = 0;
                for (int k = 1; k <= deaths; k++) {
                    double f = (double) k / deaths;
                    double den = d0 + f * eg;
                    double inv = 1.0 / den;
                    logs += Math.log(den);
                    s1 += inv;
                    sf1 += f * inv;
                    s2 += inv * inv;
                    sf2 += f * inv * inv;
                    sff2 += f * f * inv * inv;
                }
                loglik -= wtave * logs;
                h[g] = wtave * s1;
                adjH[g] = wtave * (sf1 - s1);
                double tw = timeWeight == null ? 1.0 : timeWeight[g];
                double c2 = tw * wtave * s2;
                double cf2 = tw * wtave * sf2;
                double cff2 = tw * wtave * sff2;
                for (int j = 0, q = 0; j < p; j++) {
                    double a0j = a0[j];
                    double a2j = a2[off + j];
                    for (int k = 0; k <= j; k++, q++) {
                        double a0k = a0[k];
                        double a2k = a2[off + k];
                        outerInto[q] += c2 * a0j * a0k + cf2 * (a0j * a2k + a2j * a0k) + cff2 * a2j * a2k;
                    }
                }
                if (residuals != null) {
                    double[] xbar = residuals[0];
                    double[] dm = residuals[1];
                    double[] adjM = residuals[2];
                    for (int j = 0; j < p; j++) {
                        double a2j = a2[off + j];
                        xbar[off + j] = (a0[j] * s1 + a2j * sf1) / deaths;
                        dm[off + j] = wtave * (a0[j] * s2 + a2j * sf2);
                        adjM[off + j] = wtave * (a0[j] * sf2 + a2j * sff2) - dm[off + j];
                    }
                }
                cumD = d0 + eg;
                for (int j = 0; j < p; j++) {
                    cumA[j] = a0[j] + a2[off + j];
                }
            }
        }
        return loglik;
    }

    /** Ascending cumulative sum within each stratum, zero at its sentinel. */
    private void cumulate(double[] increment, double[] cumulative) {
        for (int s = 0; s < groups.strata; s++) {
            cumulative[groups.base[s]] = 0;
            for (int g = groups.base[s] + 1; g < groups.base[s + 1]; g++) {
                cumulative[g] = cumulative[g - 1] + increment[g];
            }
        }
    }

    /** Pass 2: score and the second-moment part of the information. */
    private void crossProducts() {
        if (row == null) {
            Halves.run(m, mid, (slot, from, to) -> crossProducts(slot, from, to, null, null));
        } else {
            Arrays.fill(rowC, 0);
            Arrays.fill(rowD, 0);
            // rows in ascending order (a split data set): the two halves write disjoint rows
            Halves.run(m, rowSplit, (slot, from, to) -> perRow(from, to));
            Halves.run(n, midRows, (slot, from, to) -> crossProducts(slot, from, to, rowC, rowD));
        }
        for (int j = 0; j < p; j++) {
            u[j] = blockU[0][j] + blockU[1][j];
        }
    }

    private void perRow(int from, int to) {
        int[] gStop = groups.gStop;
        int[] gStart = groups.gStart;
        for (int k = from; k < to; k++) {
            int gs = gStop[k];
            int g0 = gStart[k];
            if (gs == g0) {
                continue;
            }
            int i = row[k];
            double w = weight == null ? 1.0 : weight[k];
            double phi = cumH[gs] - cumH[g0] + (status[k] ? adjH[gs] : 0.0);
            rowC[i] += w * expEta[i] * phi;
            if (status[k]) {
                rowD[i] += w;
            }
        }
    }

    private void crossProducts(int slot, int from, int to, double[] c, double[] dw) {
        Cross cross = new Cross(x, p, true);
        int[] gStop = groups.gStop;
        int[] gStart = groups.gStart;
        for (int k = from; k < to; k++) {
            double ck;
            double dk;
            if (c == null) {
                int gs = gStop[k];
                int g0 = gStart[k];
                if (gs == g0) {
                    continue;
                }
                double w = weight == null ? 1.0 : weight[k];
                ck = w * expEta[k] * (cumH[gs] - cumH[g0] + (status[k] ? adjH[gs] : 0.0));
                dk = status[k] ? w : 0.0;
            } else {
                ck = c[k];
                dk = dw[k];
                if (ck == 0 && dk == 0) {
                    continue;
                }
            }
            cross.add(k * stride, ck, dk - ck);
        }
        cross.finish();
        blockU[slot] = cross.score;
        blockInfo[slot] = cross.info;
    }

    /**
     * Accumulates {@code sum c_k x_k x_k'} (packed lower triangle) and optionally {@code sum e_k x_k}, four rows
     * per sweep of the triangle: a quarter of its loads and stores, the bulk of a fit's time at a million rows.
     */
    private static final class Cross {

        private final double[] x;
        private final int p;
        final double[] info;
        final double[] score;
        private final int[] rows = new int[4];
        private final double[] cs = new double[4];
        private final double[] es = new double[4];
        private int count;

        Cross(double[] x, int p, boolean withScore) {
            this.x = x;
            this.p = p;
            this.info = new double[p * (p + 1) / 2];
            this.score = withScore ? new double[p] : null;
        }

        void add(int off, double c, double e) {
            rows[count] = off;
            cs[count] = c;
            es[count] = e;
            if (++count == 4) {
                four();
                count = 0;
            }
        }

        void finish() {
            for (int r = 0; r < count; r++) {
                int off = rows[r];
                double ck = cs[r];
                double e = es[r];
                for (int j = 0, q = 0; j < p; j++) {
                    double xj = x[off + j];
                    if (score != null) {
                        score[j] += e * xj;
                    }
                    double cx = ck * xj;
                    for (int l = 0; l <= j; l++) {
                        info[q++] += cx * x[off + l];
                    }
                }
            }
            count = 0;
        }

        private void four() {
            int o0 = rows[0];
            int o1 = rows[1];
            int o2 = rows[2];
            int o3 = rows[3];
            double c0 = cs[0], c1 = cs[1], c2 = cs[2], c3 = cs[3];
            double e0 = es[0], e1 = es[1], e2 = es[2], e3 = es[3];
            for (int j = 0, q = 0; j < p; j++) {
                double x0 = x[o0 + j];
                double x1 = x[o1 + j];
                double x2 = x[o2 + j];
                double x3 = x[o3 + j];
                if (score != null) {
                    score[j] += e0 * x0 + e1 * x1 + e2 * x2 + e3 * x3;
                }
                double a0 = c0 * x0;
                double a1 = c1 * x1;
                double a2 = c2 * x2;
                double a3 = c3 * x3;
                for (int l = 0; l <= j; l++) {
                    info[q++] += a0 * x[o0 + l] + a1 * x[o1 + l] + a2 * x[o2 + l] + a3 * x[o3 + l];
                }
            }
        }
    }

    /**
     * The meat of the robust sandwich at the last {@link #evaluate}: the sum over clusters of
     * {@code S_c S_c'} with {@code S_c = sum over the cluster's intervals of w_k s_k} and s_k the interval's
     * score residual with Efron's tie handling, as coxph's {@code residuals(type = "dfbeta", weighted = TRUE,
     * collapse = cluster)} before multiplying by the variance.
     *
     * @param cluster dense cluster code of each interval ({@code null}: each interval its own cluster)
     */
    double[][] robustMeat(int[] cluster, int clusters) {
        int slots = groups.slots;
        double[][] res = {new double[slots * p], new double[slots * p], new double[slots * p]};
        double[] scratch = new double[pp];
        eventTimes(scratch, res, null);
        cumulate(h, cumH);
        double[] cumM = res[1];
        // M increments to cumulative sums within each stratum, as h to cumH
        for (int s = 0; s < groups.strata; s++) {
            Arrays.fill(cumM, groups.base[s] * p, groups.base[s] * p + p, 0);
            for (int g = groups.base[s] + 1; g < groups.base[s + 1]; g++) {
                for (int j = 0; j < p; j++) {
                    cumM[g * p + j] += cumM[(g - 1) * p + j];
                }
            }
        }
        if (cluster != null && (long) clusters * p <= Math.max(1 << 16, m / 8)) {
            // few clusters (therapists): one running sum per cluster and thread, rows in their own order
            double[][] sums = new double[2][];
            Halves.run(m, mid, (slot, from, to) -> sums[slot] = clusterSums(from, to, cluster, clusters, res));
            double[] meat = new double[pp];
            double[] s = new double[p];
            for (int c = 0; c < clusters; c++) {
                for (int j = 0; j < p; j++) {
                    s[j] = sums[0][c * p + j] + sums[1][c * p + j];
                }
                flush(meat, s);
            }
            return unpack(meat);
        }
        // clusters already in runs (the intervals of a split subject are consecutive) need no ordering
        int[] order = cluster == null || ascending(cluster) ? null : byCluster(cluster, clusters);
        int split = mid;
        if (cluster != null) {
            while (split > 0 && split < m && clusterAt(cluster, order, split) == clusterAt(cluster, order, split - 1)) {
                split++;
            }
        }
        double[][] blocks = new double[2][];
        final int cut = split;
        Halves.run(m, cut, (slot, from, to) -> blocks[slot] = residualBlock(from, to, order, cluster, res));
        double[] meat = blocks[0];
        for (int q = 0; q < pp; q++) {
            meat[q] += blocks[1][q];
        }
        return unpack(meat);
    }

    private double[][] unpack(double[] packed) {
        double[][] full = new double[p][p];
        for (int j = 0, q = 0; j < p; j++) {
            for (int k = 0; k <= j; k++, q++) {
                full[j][k] = packed[q];
                full[k][j] = packed[q];
            }
        }
        return full;
    }

    private double[] clusterSums(int from, int to, int[] cluster, int clusters, double[][] res) {
        double[] sums = new double[clusters * p];
        double[] s = new double[p];
        for (int k = from; k < to; k++) {
            double w = residual(k, res, s);
            if (w == 0) {
                continue;
            }
            int at = cluster[k] * p;
            for (int j = 0; j < p; j++) {
                sums[at + j] += w * s[j];
            }
        }
        return sums;
    }

    /**
     * Interval k's score residual into {@code s} (Efron; agscore3.c); returns its case weight, or 0 when the
     * interval spans no event time (its residual is zero).
     */
    private double residual(int k, double[][] res, double[] s) {
        int gs = groups.gStop[k];
        int g0 = groups.gStart[k];
        if (gs == g0) {
            return 0;
        }
        double[] xbar = res[0];
        double[] cumM = res[1];
        double[] adjM = res[2];
        int i = row == null ? k : row[k];
        boolean dead = status[k];
        double r = expEta[i];
        double phi = cumH[gs] - cumH[g0] + (dead ? adjH[gs] : 0.0);
        int off = i * stride;
        int go = gs * p;
        int g0o = g0 * p;
        for (int j = 0; j < p; j++) {
            double xj = x[off + j];
            double mj = cumM[go + j] - cumM[g0o + j] + (dead ? adjM[go + j] : 0.0);
            s[j] = (dead ? xj - xbar[go + j] : 0.0) - r * (xj * phi - mj);
        }
        return weight == null ? 1.0 : weight[k];
    }

    private static boolean ascending(int[] v) {
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private static int clusterAt(int[] cluster, int[] order, int t) {
        return cluster[order == null ? t : order[t]];
    }

    private static int[] byCluster(int[] cluster, int clusters) {
        int[] start = new int[clusters + 1];
        for (int c : cluster) {
            start[c + 1]++;
        }
        for (int c = 0; c < clusters; c++) {
            start[c + 1] += start[c];
        }
        int[] order = new int[cluster.length];
        for (int k = 0; k < cluster.length; k++) {
            order[start[cluster[k]]++] = k;
        }
        return order;
    }

    private double[] residualBlock(int from, int to, int[] order, int[] cluster, double[][] res) {
        double[] meat = new double[pp];
        double[] sum = new double[p];
        double[] s = new double[p];
        boolean open = false;
        for (int t = from; t < to; t++) {
            int k = order == null ? t : order[t];
            if (cluster != null && open && cluster[k] != clusterAt(cluster, order, t - 1)) {
                flush(meat, sum);
                open = false;
            }
            double w = residual(k, res, s);
            if (w == 0) {
                continue;
            }
            for (int j = 0; j < p; j++) {
                sum[j] += w * s[j];
            }
            open = true;
            if (cluster == null) {
                flush(meat, sum);
                open = false;
            }
        }
        if (open) {
            flush(meat, sum);
        }
        return meat;
    }

    private void flush(double[] meat, double[] sum) {
        for (int j = 0, q = 0; j < p; j++) {
            double sj = sum[j];
            for (int k = 0; k <= j; k++) {
                meat[q++] += sj * sum[k];
            }
        }
        Arrays.fill(sum, 0);
    }

    /**
     * The statistics of {@code cox.zph} at the last {@link #evaluate} (zph1.c / zph2.c): the score for the
     * added covariates g(t) x and the full 2p x 2p information of (x, g(t) x). The first p entries of the
     * score, the fit's own, are zero at the estimate and left zero; the x block of the information is the
     * fit's own ({@link #imat}).
     *
     * @param timeWeight per slot, g(t) of the slot's event time (centred by the caller)
     * @return the score (2p) as row 0, then the information as rows 1..2p
     */
    double[][] zph(double[] timeWeight) {
        int slots = groups.slots;
        double[] o1 = new double[pp];
        double[] o2 = new double[pp];
        double[] tw2 = new double[slots];
        for (int g = 0; g < slots; g++) {
            tw2[g] = timeWeight[g] * timeWeight[g];
        }
        eventTimes(o1, null, timeWeight);
        eventTimes(o2, null, tw2);
        // per slot: cumulative g h and g^2 h, and the deaths' own-time adjustments
        double[][] cum = {new double[slots], new double[slots], new double[slots], new double[slots]};
        double[] h1 = new double[slots];
        double[] h2 = new double[slots];
        for (int g = 0; g < slots; g++) {
            h1[g] = h[g] * timeWeight[g];
            h2[g] = h[g] * tw2[g];
            cum[2][g] = adjH[g] * timeWeight[g];
            cum[3][g] = adjH[g] * tw2[g];
        }
        cumulate(h1, cum[0]);
        cumulate(h2, cum[1]);
        double[][][] blocks = new double[2][][];
        if (row == null) {
            Halves.run(m, mid, (slot, from, to) -> blocks[slot] = zphBlock(from, to, cum, timeWeight, null));
        } else {
            // per design row: c1, c2 (r Phi with g h, g^2 h) and the deaths' w g
            double[][] perRow = new double[3][n];
            for (int k = 0; k < m; k++) {
                zphTerms(k, cum, timeWeight, perRow, row[k]);
            }
            Halves.run(n, midRows, (slot, from, to) -> blocks[slot] = zphBlock(from, to, cum, timeWeight, perRow));
        }
        int q2 = 2 * p;
        double[][] out = new double[q2 + 1][q2];
        for (int j = 0, t = 0; j < p; j++) {
            out[0][p + j] = blocks[0][2][j] + blocks[1][2][j];
            for (int k = 0; k <= j; k++, t++) {
                double i1 = blocks[0][0][t] + blocks[1][0][t] - o1[t];
                double i2 = blocks[0][1][t] + blocks[1][1][t] - o2[t];
                out[1 + j][k] = imat[j][k];
                out[1 + k][j] = imat[j][k];
                out[1 + p + j][p + k] = i2;
                out[1 + p + k][p + j] = i2;
                out[1 + j][p + k] = i1;
                out[1 + p + k][j] = i1;
                out[1 + k][p + j] = i1;
                out[1 + p + j][k] = i1;
            }
        }
        return out;
    }

    /** Interval k's c1, c2 and deaths' w g, added at {@code out[.][at]}. */
    private void zphTerms(int k, double[][] cum, double[] timeWeight, double[][] out, int at) {
        int gs = groups.gStop[k];
        int g0 = groups.gStart[k];
        if (gs == g0) {
            return;
        }
        int i = row == null ? k : row[k];
        double w = weight == null ? 1.0 : weight[k];
        double r = w * expEta[i];
        boolean dead = status[k];
        out[0][at] += r * (cum[0][gs] - cum[0][g0] + (dead ? cum[2][gs] : 0.0));
        out[1][at] += r * (cum[1][gs] - cum[1][g0] + (dead ? cum[3][gs] : 0.0));
        if (dead) {
            out[2][at] += w * timeWeight[gs];
        }
    }

    /** Rows [from, to): I1, I2 (packed) and the score of g x; per interval, or per design row from {@code perRow}. */
    private double[][] zphBlock(int from, int to, double[][] cum, double[] timeWeight, double[][] perRow) {
        Cross first = new Cross(x, p, true);
        Cross second = new Cross(x, p, false);
        double[][] one = perRow == null ? new double[3][1] : null;
        for (int i = from; i < to; i++) {
            double c1;
            double c2;
            double dwg;
            if (perRow == null) {
                one[0][0] = 0;
                one[1][0] = 0;
                one[2][0] = 0;
                zphTerms(i, cum, timeWeight, one, 0);
                c1 = one[0][0];
                c2 = one[1][0];
                dwg = one[2][0];
            } else {
                c1 = perRow[0][i];
                c2 = perRow[1][i];
                dwg = perRow[2][i];
            }
            if (c1 == 0 && c2 == 0 && dwg == 0) {
                continue;
            }
            first.add(i * stride, c1, dwg - c1);
            second.add(i * stride, c2, 0);
        }
        first.finish();
        second.finish();
        return new double[][] {first.info, second.info, first.score};
    }

    /** Largest linear predictor (coxph's overflow warning looks at it). */
    double maxEta() {
        double max = Double.NEGATIVE_INFINITY;
        for (double e : eta) {
            max = Math.max(max, e);
        }
        return max;
    }
}
