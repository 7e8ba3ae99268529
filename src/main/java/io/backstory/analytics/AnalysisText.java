package io.backstory.analytics;

import java.util.Locale;

/** The readable report of the command line: the verdict first, then the evidence. */
final class AnalysisText {

    private AnalysisText() {
    }

    static String write(AnalysisReport r) {
        StringBuilder s = new StringBuilder();
        s.append("Backstory recurrence analysis\n=============================\n\n");
        s.append("Verdict: ").append(r.verdict().code()).append('\n').append(r.verdict().sentence()).append("\n");
        if (!r.verdict().reasons().isEmpty()) {
            s.append("Why it is not a yes or a no:\n");
            r.verdict().reasons().forEach(w -> s.append("  - ").append(w).append('\n'));
        }
        r.verdict().warnings().forEach(w -> s.append("  ! ").append(w).append('\n'));
        s.append(String.format(Locale.ROOT, "%nEpisodes %,d, recurrences within %d days %,d, follow-up complete %.1f %%%n",
                r.n(), r.horizonDays(), r.events(), 100 * r.followUpCompleteness()));

        s.append("\nRecurrence by the horizon (Wilson 95 % CI)\n");
        rate(s, "isolated (breadth <= " + r.isolatedMaxBreadth() + ")", r.isolatedRate());
        rate(s, "multi-factor", r.multiRate());
        TwoByTwoResult t = r.twoByTwo();
        s.append(String.format(Locale.ROOT, "  risk ratio %s (%s to %s), odds ratio %s (%s to %s), risk difference %s (%s to %s)%n",
                f(t.rr()), f(t.rrLower()), f(t.rrUpper()), f(t.or()), f(t.orLower()), f(t.orUpper()), f(t.rd()), f(t.rdLower()), f(t.rdUpper())));
        s.append(String.format(Locale.ROOT, "  chi-square %s (p %s), Fisher exact p %s%n", f(t.chisq()), p(t.chisqP()), p(t.fisherP())));
        s.append(String.format(Locale.ROOT, "  trend over breadth 0-5: chi-square %s, p %s%n", f(r.trend().chisq()), p(r.trend().p())));

        s.append("\nKaplan-Meier, recurrence-free at the horizon (95 % CI)\n");
        s.append(String.format(Locale.ROOT, "  isolated      %s (%s to %s)%n", f(r.kmIsolated().survivalAt(r.horizonDays())),
                f(r.kmIsolated().lowerAt(r.horizonDays())), f(r.kmIsolated().upperAt(r.horizonDays()))));
        s.append(String.format(Locale.ROOT, "  multi-factor  %s (%s to %s)%n", f(r.kmMulti().survivalAt(r.horizonDays())),
                f(r.kmMulti().lowerAt(r.horizonDays())), f(r.kmMulti().upperAt(r.horizonDays()))));
        s.append(String.format(Locale.ROOT, "  log-rank chi-square %s (df %d), p %s; across breadth: %s (df %d), p %s%n",
                f(r.logRank().chisq()), r.logRank().df(), p(r.logRank().p()),
                f(r.logRankBreadth().chisq()), r.logRankBreadth().df(), p(r.logRankBreadth().p())));

        s.append(String.format(Locale.ROOT, "%nAdjusted Cox model (Efron ties), n %,d, events %,d, LR chi-square %s (df %d), p %s%n",
                r.cox().n(), r.cox().events(), f(r.cox().lrChisq()), r.cox().lrDf(), p(r.cox().lrP())));
        s.append(String.format(Locale.ROOT, "  %-22s %8s %8s %8s %10s%n", "term", "HR", "lower", "upper", "p"));
        r.cox().terms().forEach(term -> s.append(String.format(Locale.ROOT, "  %-22s %8s %8s %8s %10s%n",
                term.name(), f(term.ratio()), f(term.lower()), f(term.upper()), p(term.p()))));
        ModelTerm primary = r.adjustedEffect();
        s.append(String.format(Locale.ROOT, "  primary model%s: multi-factor HR %s (%s to %s)%s%n",
                r.therapists() >= 2 ? " (stratified by " + r.therapists() + " therapists, robust variance by therapist)" : "",
                f(primary.ratio()), f(primary.lower()), f(primary.upper()),
                r.primary().fewClusters() ? " - approximate, fewer than 10 therapists" : ""));
        if (r.primary().phTest() != null) {
            PhTestResult ph = r.primary().phTest();
            double plan = ph.terms().stream().filter(x -> x.name().equals("multifactor")).mapToDouble(PhTestTerm::p).findFirst().orElse(Double.NaN);
            s.append(String.format(Locale.ROOT, "  proportional hazards (cox.zph, km): plan p %s, global p %s%n", p(plan), p(ph.global().p())));
        }
        ModelTerm visits = RecurrenceAnalysis.exposureTerm(r.coxWithVisits());
        s.append(String.format(Locale.ROOT, "  with ns(visits, df = 3): multi-factor HR %s (%s to %s), change %s%n",
                f(visits.ratio()), f(visits.lower()), f(visits.upper()),
                r.visitsChange() == null ? "n/a" : String.format(Locale.ROOT, "%+.1f %%", r.visitsChange().percent())));
        if (r.iptw() != null) {
            s.append(String.format(Locale.ROOT, "  IPTW (stabilised, truncated 1st/99th pct, robust SE): HR %s (%s to %s); weights %s to %s (untruncated max %s); ESS %s / %s; max |SMD| %s before, %s after%s%n",
                    f(r.iptw().hr()), f(r.iptw().lower()), f(r.iptw().upper()), f(r.iptw().minWeight()), f(r.iptw().maxWeight()),
                    f(r.iptw().maxUntruncatedWeight()), f(r.iptw().essTreated()), f(r.iptw().essUntreated()),
                    f(r.iptw().balance().maxAbsSmdBefore()), f(r.iptw().balance().maxAbsSmdAfter()),
                    r.iptw().balanced() ? " (balanced)" : " (NOT balanced: " + String.join(", ", r.iptw().balance().imbalanced()) + ")"));
        }
        if (r.loss() != null) {
            LossToFollowUpResult l = r.loss();
            s.append(String.format(Locale.ROOT, "  follow-up complete: isolated %.1f %%, multi-factor %.1f %%; reverse-KM median follow-up %s / %s days; tipping share %s%n",
                    100 * l.isolated().completeness(), 100 * l.multi().completeness(), f(l.isolated().medianFollowUp()),
                    f(l.multi().medianFollowUp()), f(l.tippingShare())));
        }
        if (r.ipcw() != null && r.ipcw().outcomeModel() != null) {
            ModelTerm c = RecurrenceAnalysis.exposureTerm(r.ipcw().outcomeModel());
            s.append(String.format(Locale.ROOT, "  IPCW (lost to follow-up, robust SE): HR %s (%s to %s), max weight %s%n",
                    f(c.ratio()), f(c.lower()), f(c.upper()), f(r.ipcw().maxWeight())));
        }
        if (r.piecewise() != null) {
            s.append(String.format(Locale.ROOT, "  piecewise HR: before day %s %s (%s to %s), after %s (%s to %s)%n",
                    f(r.piecewise().cuts().getFirst()), f(r.piecewise().before().ratio()), f(r.piecewise().before().lower()),
                    f(r.piecewise().before().upper()), f(r.piecewise().after().ratio()), f(r.piecewise().after().lower()),
                    f(r.piecewise().after().upper())));
        }
        if (r.riskDifference() != null) {
            s.append(String.format(Locale.ROOT, "  standardised risk difference at the horizon: %s (%s to %s, %d bootstrap replicates)%n",
                    f(r.riskDifference().difference()), f(r.riskDifference().lower()), f(r.riskDifference().upper()),
                    r.riskDifference().replicates()));
        }
        if (r.persistentPain() != null) {
            s.append(String.format(Locale.ROOT, "  never recovered: isolated %.1f %%, multi-factor %.1f %%%n",
                    100 * r.persistentPain().isolated().rate(), 100 * r.persistentPain().multi().rate()));
        }
        if (r.composite() != null) {
            ModelTerm c = RecurrenceAnalysis.exposureTerm(r.composite());
            s.append(String.format(Locale.ROOT, "  composite (never recovered or recurred): HR %s (%s to %s)%n",
                    f(c.ratio()), f(c.lower()), f(c.upper())));
        }
        s.append(String.format(Locale.ROOT, "  E-value %s (CI limit %s); minimum detectable HR at 80 %% power %s%n",
                f(r.eValue().point()), f(r.eValue().ci()), f(r.minDetectableHr())));

        s.append("\nEach factor in the adjusted model (Benjamini-Hochberg adjusted p)\n");
        r.factors().forEach(fe -> s.append(String.format(Locale.ROOT, "  %-12s HR %s (%s to %s), p %s, adjusted p %s%n",
                fe.name(), f(fe.hr()), f(fe.lower()), f(fe.upper()), p(fe.p()), p(fe.pBh()))));

        s.append(String.format(Locale.ROOT, "%nLogistic model at the horizon, n %,d, deviance %s%n", r.logistic().n(), f(r.logistic().deviance())));
        ModelTerm odds = r.logistic().terms().stream().filter(x -> x.name().equals("multifactor")).findFirst().orElse(null);
        if (odds != null) {
            s.append(String.format(Locale.ROOT, "  multi-factor OR %s (%s to %s), p %s%n", f(odds.ratio()), f(odds.lower()), f(odds.upper()), p(odds.p())));
        }
        if (!r.warnings().isEmpty()) {
            s.append("\nWarnings\n");
            r.warnings().forEach(w -> s.append("  - ").append(w).append('\n'));
        }
        s.append(String.format(Locale.ROOT, "%nAnalysis time %.0f ms%n", r.timingMs()));
        return s.toString();
    }

    private static void rate(StringBuilder s, String label, ProportionEstimate p) {
        s.append(String.format(Locale.ROOT, "  %-26s %,6d of %,6d = %5.1f %% (%.1f to %.1f %%)%n", label, p.events(), p.n(),
                100 * p.rate(), 100 * p.lower(), 100 * p.upper()));
    }

    private static String f(double v) {
        return AnalyzeCommand.format(v);
    }

    private static String p(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return v < 0.001 ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
