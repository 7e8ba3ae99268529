package io.backstory.analytics;

/**
 * Cox partial likelihood with Efron's tie correction, its score and information, evaluated in one
 * backward pass over time-sorted rows (Therneau &amp; Grambsch 2000, §3.3; survival's coxfit6.c).
 *
 * <p>Efron's correction for d tied deaths uses d denominators D0 + f E with f = 1/d, 2/d, ..., 1
 * (E: the deaths' summed risk). The sums over f are formed once per tied time as scalars, so a
 * tied time costs O(d + p^2), not O(d p^2), and the whole pass is O(n p^2).
 *
 * <p>Two threads: the rows split at a tie boundary; the later block is an ordinary backward pass,
 * the earlier block adds the later block's risk total and first moments (from a cheap O(n p) first
 * phase) to its denominators. The later block's second moments enter the information linearly,
 * as (sum over the earlier block's death times of wtave / denominator) times their total, so they
 * are added once after both threads finish. The split point depends on n only, so results are
 * reproducible.
 */
final class EfronLikelihood {

    private final int n;
    private final int p;
    private final int pp;
    private final double[] x;
    private final double[] time;
    private final boolean[] status;
    private final double[] weight;
    private final int mid;
    private final int deathGroups;

    final double[] eta;
    private final double[] risk;

    final double[] u;
    final double[][] imat;

    private final double[] blockRisk = new double[2];
    private final double[][] blockFirst;
    private final double[] blockLoglik = new double[2];
    private final double[][] blockScore;
    private final double[][] blockInfo;
    private final double[][] blockSecond;
    private final double[] blockOffsetFactor = new double[2];

    /** Rows must be sorted by ascending time; {@code weight == null} means unit weights. */
    EfronLikelihood(double[] x, int p, double[] time, boolean[] status, double[] weight) {
        this.n = time.length;
        this.p = p;
        this.pp = p * (p + 1) / 2;
        this.x = x;
        this.time = time;
        this.status = status;
        this.weight = weight;
        this.eta = new double[n];
        this.risk = new double[n];
        this.u = new double[p];
        this.imat = new double[p][p];
        this.blockFirst = new double[2][p];
        this.blockScore = new double[2][p];
        this.blockInfo = new double[2][pp];
        this.blockSecond = new double[2][pp];
        int m = Halves.midpoint(n);
        while (m > 0 && m < n && time[m] == time[m - 1]) {
            m++;
        }
        this.mid = m;
        this.deathGroups = countDeathTimes(time, status);
    }

    private static int countDeathTimes(double[] time, boolean[] status) {
        int groups = 0;
        int n = time.length;
        for (int i = 0; i < n; ) {
            double t = time[i];
            boolean death = false;
            while (i < n && time[i] == t) {
                death |= status[i];
                i++;
            }
            groups += death ? 1 : 0;
        }
        return groups;
    }

    /** Log partial likelihood at {@code beta}; fills {@link #u} and {@link #imat} (full symmetric). */
    double evaluate(double[] beta) {
        Halves.run(n, mid, (slot, from, to) -> linearPredictor(slot, from, to, beta));
        Halves.run(n, mid, (slot, from, to) -> {
            double offD = slot == 0 ? blockRisk[1] : 0.0;
            double[] offA = slot == 0 ? blockFirst[1] : new double[p];
            backward(slot, from, to, offD, offA);
        });
        double[] info = new double[pp];
        for (int t = 0; t < pp; t++) {
            info[t] = blockInfo[0][t] + blockInfo[1][t] + blockOffsetFactor[0] * blockSecond[1][t];
        }
        for (int j = 0, t = 0; j < p; j++) {
            u[j] = blockScore[0][j] + blockScore[1][j];
            for (int k = 0; k <= j; k++, t++) {
                imat[j][k] = info[t];
                imat[k][j] = info[t];
            }
        }
        return blockLoglik[0] + blockLoglik[1];
    }

    private void linearPredictor(int slot, int from, int to, double[] beta) {
        double d = 0;
        double[] a = blockFirst[slot];
        java.util.Arrays.fill(a, 0);
        for (int i = from; i < to; i++) {
            int off = i * p;
            double z = 0;
            for (int j = 0; j < p; j++) {
                z += beta[j] * x[off + j];
            }
            eta[i] = z;
            double r = Math.exp(z) * (weight == null ? 1.0 : weight[i]);
            risk[i] = r;
            d += r;
            for (int j = 0; j < p; j++) {
                a[j] += r * x[off + j];
            }
        }
        blockRisk[slot] = d;
    }

    private void backward(int slot, int from, int to, double offD, double[] offA) {
        double[] a = new double[p];
        double[] a2 = new double[p];
        double[] c = new double[pp];
        double[] c2 = new double[pp];
        double[] score = blockScore[slot];
        double[] info = blockInfo[slot];
        java.util.Arrays.fill(score, 0);
        java.util.Arrays.fill(info, 0);
        double loglik = 0;
        double denom = 0;
        double offsetFactor = 0;
        int i = to - 1;
        while (i >= from) {
            double t = time[i];
            int deaths = 0;
            double deadWeight = 0;
            double e = 0;
            while (i >= from && time[i] == t) {
                double r = risk[i];
                int off = i * p;
                if (status[i]) {
                    double wi = weight == null ? 1.0 : weight[i];
                    deaths++;
                    deadWeight += wi;
                    e += r;
                    loglik += wi * eta[i];
                    for (int j = 0, q = 0; j < p; j++) {
                        double xj = x[off + j];
                        score[j] += wi * xj;
                        double rx = r * xj;
                        a2[j] += rx;
                        for (int k = 0; k <= j; k++) {
                            c2[q++] += rx * x[off + k];
                        }
                    }
                } else {
                    denom += r;
                    for (int j = 0, q = 0; j < p; j++) {
                        double rx = r * x[off + j];
                        a[j] += rx;
                        for (int k = 0; k <= j; k++) {
                            c[q++] += rx * x[off + k];
                        }
                    }
                }
                i--;
            }
            if (deaths == 0) {
                continue;
            }
            double wtave = deadWeight / deaths;
            double base = denom + offD;
            double s1 = 0, sf1 = 0, s2 = 0, sf2 = 0, sff2 = 0, logs = 0;
            for (int k = 1; k <= deaths; k++) {
                double f = (double) k / deaths;
                double den = base + f * e;
                double inv = 1.0 / den;
                logs += Math.log(den);
                s1 += inv;
                sf1 += f * inv;
                s2 += inv * inv;
                sf2 += f * inv * inv;
                sff2 += f * f * inv * inv;
            }
            loglik -= wtave * logs;
            for (int j = 0, q = 0; j < p; j++) {
                double a0j = a[j] + offA[j];
                double a2j = a2[j];
                score[j] -= wtave * (a0j * s1 + a2j * sf1);
                for (int k = 0; k <= j; k++, q++) {
                    double a0k = a[k] + offA[k];
                    double a2k = a2[k];
                    info[q] += wtave * (c[q] * s1 + c2[q] * sf1
                            - (a0j * a0k * s2 + (a0j * a2k + a2j * a0k) * sf2 + a2j * a2k * sff2));
                }
            }
            offsetFactor += wtave * s1;
            denom += e;
            for (int j = 0; j < p; j++) {
                a[j] += a2[j];
                a2[j] = 0;
            }
            for (int q = 0; q < pp; q++) {
                c[q] += c2[q];
                c2[q] = 0;
            }
        }
        blockLoglik[slot] = loglik;
        blockOffsetFactor[slot] = offsetFactor;
        System.arraycopy(c, 0, blockSecond[slot], 0, pp);
    }

    /**
     * Sum over rows of w_i^2 s_i s_i' where s_i is row i's score residual with Efron's tie
     * handling (Therneau &amp; Grambsch 2000, §7.2; survival's coxscore2.c): the meat of coxph's
     * {@code robust = TRUE} sandwich when every row is its own cluster. Uses {@link #eta} from the
     * last {@link #evaluate} call. A backward pass stores the per-death-time hazard increments (the
     * denominators need the future), a forward pass accumulates them into each residual.
     */
    double[][] scoreResidualCrossProduct() {
        int g = deathGroups - 1;
        double[] gTime = new double[deathGroups];
        double[] dH = new double[deathGroups];
        double[] dHd = new double[deathGroups];
        double[] dM = new double[deathGroups * p];
        double[] dMd = new double[deathGroups * p];
        double[] xbar = new double[deathGroups * p];
        double[] a = new double[p];
        double[] a2 = new double[p];
        double denom = 0;
        int i = n - 1;
        while (i >= 0) {
            double t = time[i];
            int deaths = 0;
            double deadWeight = 0;
            double e = 0;
            while (i >= 0 && time[i] == t) {
                double r = risk[i];
                int off = i * p;
                if (status[i]) {
                    deaths++;
                    deadWeight += weight == null ? 1.0 : weight[i];
                    e += r;
                    for (int j = 0; j < p; j++) {
                        a2[j] += r * x[off + j];
                    }
                } else {
                    denom += r;
                    for (int j = 0; j < p; j++) {
                        a[j] += r * x[off + j];
                    }
                }
                i--;
            }
            if (deaths == 0) {
                continue;
            }
            double wtave = deadWeight / deaths;
            double s1 = 0, sf1 = 0, s2 = 0, sf2 = 0, sff2 = 0;
            for (int k = 1; k <= deaths; k++) {
                double f = (double) k / deaths;
                double inv = 1.0 / (denom + f * e);
                s1 += inv;
                sf1 += f * inv;
                s2 += inv * inv;
                sf2 += f * inv * inv;
                sff2 += f * f * inv * inv;
            }
            gTime[g] = t;
            dH[g] = wtave * s1;
            dHd[g] = wtave * sf1;
            for (int j = 0; j < p; j++) {
                dM[g * p + j] = wtave * (a[j] * s2 + a2[j] * sf2);
                dMd[g * p + j] = wtave * (a[j] * sf2 + a2[j] * sff2);
                xbar[g * p + j] = (a[j] * s1 + a2[j] * sf1) / deaths;
                a[j] += a2[j];
                a2[j] = 0;
            }
            denom += e;
            g--;
        }

        double[] meat = new double[pp];
        double[] s = new double[p];
        double cumH = 0;
        double[] cumM = new double[p];
        g = 0;
        i = 0;
        while (i < n) {
            double t = time[i];
            boolean deathTime = g < deathGroups && gTime[g] == t;
            while (i < n && time[i] == t) {
                int off = i * p;
                double wi = weight == null ? 1.0 : weight[i];
                double r = Math.exp(eta[i]);
                boolean dead = status[i];
                double h = cumH + (deathTime ? (dead ? dHd[g] : dH[g]) : 0.0);
                for (int j = 0; j < p; j++) {
                    double xj = x[off + j];
                    double m = cumM[j] + (deathTime ? (dead ? dMd[g * p + j] : dM[g * p + j]) : 0.0);
                    s[j] = (dead ? xj - xbar[g * p + j] : 0.0) - r * (xj * h - m);
                }
                double w2 = wi * wi;
                for (int j = 0, q = 0; j < p; j++) {
                    double ws = w2 * s[j];
                    for (int k = 0; k <= j; k++) {
                        meat[q++] += ws * s[k];
                    }
                }
                i++;
            }
            if (deathTime) {
                cumH += dH[g];
                for (int j = 0; j < p; j++) {
                    cumM[j] += dM[g * p + j];
                }
                g++;
            }
        }
        double[][] full = new double[p][p];
        for (int j = 0, q = 0; j < p; j++) {
            for (int k = 0; k <= j; k++, q++) {
                full[j][k] = meat[q];
                full[k][j] = meat[q];
            }
        }
        return full;
    }
}
