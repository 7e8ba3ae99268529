package io.backstory.analytics;

import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Writes an {@link AnalysisReport} as the JSON document of docs/analysis-json.md. Hand-written so the
 * engine stays free of frameworks; non-finite numbers (an odds ratio with a zero cell) become null,
 * which JSON can represent and R's jsonlite reads as NA.
 */
final class AnalysisJson {

    private final StringBuilder out = new StringBuilder(16_384);

    private AnalysisJson() {
    }

    static String write(AnalysisReport r) {
        AnalysisJson j = new AnalysisJson();
        j.object(r, j::report);
        return j.out.toString();
    }

    private void report(AnalysisReport r) {
        field("n").append(r.n()).append(',');
        field("events").append(r.events()).append(',');
        field("horizon_days").append(r.horizonDays()).append(',');
        field("isolated_max_breadth").append(r.isolatedMaxBreadth()).append(',');
        field("follow_up_completeness"); number(r.followUpCompleteness()); out.append(',');
        field("rates"); object(r, this::rates); out.append(',');
        field("two_by_two"); object(r.twoByTwo(), this::twoByTwo); out.append(',');
        field("trend"); object(r.trend(), t -> pairs("chisq", t.chisq(), "p", t.p())); out.append(',');
        field("km"); object(r, this::kaplanMeier); out.append(',');
        field("logrank"); object(r.logRank(), this::logRank); out.append(',');
        field("logrank_breadth"); object(r.logRankBreadth(), this::logRank); out.append(',');
        field("cox"); object(r.cox(), this::cox); out.append(',');
        field("primary"); object(r.primary(), this::cox); out.append(',');
        field("therapists").append(r.therapists()).append(',');
        field("ph_test"); object(r.primary().phTest(), this::phTest); out.append(',');
        field("cox_with_visits"); object(r.coxWithVisits(), this::cox); out.append(',');
        field("visits_change"); object(r.visitsChange(), c -> pairs("ratio", c.ratio(), "percent", c.percent())); out.append(',');
        field("logistic"); object(r.logistic(), this::logistic); out.append(',');
        field("factors"); array(r.factors(), f -> object(f, this::factor)); out.append(',');
        field("iptw"); object(r.iptw(), this::iptw); out.append(',');
        field("loss_to_follow_up"); object(r.loss(), this::loss); out.append(',');
        // an IPCW result without its outcome model has no estimate to report
        IpcwResult ipcw = r.ipcw() != null && r.ipcw().outcomeModel() != null ? r.ipcw() : null;
        field("ipcw"); object(ipcw, this::ipcw); out.append(',');
        field("piecewise"); object(r.piecewise(), this::piecewise); out.append(',');
        field("risk_difference"); object(r.riskDifference(), this::riskDifference); out.append(',');
        field("persistent_pain"); object(r.persistentPain(), this::persistentPain); out.append(',');
        field("composite"); object(r.composite(), this::cox); out.append(',');
        field("e_value"); object(r.eValue(), e -> pairs("point", e.point(), "ci", e.ci())); out.append(',');
        field("power"); object(r, x -> pairs("min_detectable_hr", x.minDetectableHr(), "alpha", 0.05, "power", 0.80));
        out.append(',');
        field("verdict"); object(r.verdict(), this::verdict); out.append(',');
        field("warnings"); strings(r.warnings()); out.append(',');
        field("timing_ms"); number(r.timingMs());
    }

    private void rates(AnalysisReport r) {
        field("isolated"); object(r.isolatedRate(), this::rate); out.append(',');
        field("multi"); object(r.multiRate(), this::rate);
    }

    private void twoByTwo(TwoByTwoResult t) {
        pairs("rr", t.rr(), "rr_lower", t.rrLower(), "rr_upper", t.rrUpper(), "or", t.or(), "or_lower", t.orLower(),
                "or_upper", t.orUpper(), "rd", t.rd(), "rd_lower", t.rdLower(), "rd_upper", t.rdUpper(),
                "chisq", t.chisq(), "chisq_p", t.chisqP(), "fisher_p", t.fisherP());
    }

    private void kaplanMeier(AnalysisReport r) {
        field("isolated"); object(r.kmIsolated(), c -> km(c, r.horizonDays())); out.append(',');
        field("multi"); object(r.kmMulti(), c -> km(c, r.horizonDays()));
    }

    private void logistic(LogisticResult l) {
        field("deviance"); number(l.deviance()); out.append(',');
        field("null_deviance"); number(l.nullDeviance()); out.append(',');
        field("n").append(l.n()).append(',');
        field("separation").append(l.separation()).append(',');
        field("converged").append(l.converged()).append(',');
        field("terms"); terms(l.terms(), "or");
    }

    private void factor(FactorEffect f) {
        field("name"); string(f.name()); out.append(',');
        pairs("hr", f.hr(), "lower", f.lower(), "upper", f.upper(), "p", f.p(), "p_bh", f.pBh());
    }

    private void verdict(VerdictResult v) {
        field("code"); string(v.code().name()); out.append(',');
        field("sentence"); string(v.sentence()); out.append(',');
        field("reasons"); strings(v.reasons()); out.append(',');
        field("warnings"); strings(v.warnings());
    }

    private void phTest(PhTestResult ph) {
        field("transform"); string(ph.transform().name().toLowerCase(java.util.Locale.ROOT)); out.append(',');
        field("terms"); array(ph.terms(), t -> object(t, this::phTerm)); out.append(',');
        field("global"); object(ph.global(), this::phTerm);
    }

    private void phTerm(PhTestTerm t) {
        field("name"); string(t.name()); out.append(',');
        field("chisq"); number(t.chisq()); out.append(',');
        field("df").append(t.df()).append(',');
        field("p"); number(t.p());
    }

    private void iptw(PropensityWeightingResult w) {
        pairs("hr", w.hr(), "lower", w.lower(), "upper", w.upper(), "se", w.se(), "min_weight", w.minWeight(),
                "max_weight", w.maxWeight(), "mean_weight", w.meanWeight(), "lower_cut", w.lowerCut(),
                "upper_cut", w.upperCut(), "max_untruncated_weight", w.maxUntruncatedWeight(),
                "ess_multi", w.essTreated(), "ess_isolated", w.essUntreated(),
                "max_abs_smd_before", w.balance().maxAbsSmdBefore(), "max_abs_smd_after", w.balance().maxAbsSmdAfter());
        out.append(',');
        field("truncated_rows").append(w.truncatedRows()).append(',');
        field("n_multi").append(w.nTreated()).append(',');
        field("n_isolated").append(w.nUntreated()).append(',');
        field("balanced").append(w.balanced()).append(',');
        field("balance"); array(w.balance().rows(), b -> object(b, this::balance));
    }

    private void balance(CovariateBalance b) {
        field("name"); string(b.name()); out.append(',');
        pairs("smd_before", b.smdBefore(), "smd_after", b.smdAfter());
    }

    private void loss(LossToFollowUpResult l) {
        field("isolated"); object(l.isolated(), this::group); out.append(',');
        field("multi"); object(l.multi(), this::group); out.append(',');
        pairs("completeness_gap", l.completenessGap(), "risk_difference", l.riskDifference(),
                "risk_difference_other_rate", l.riskDifferenceOtherRate(), "risk_difference_all_lost",
                l.riskDifferenceAllLost(), "risk_difference_lowest", l.riskDifferenceLowest(),
                "risk_difference_highest", l.riskDifferenceHighest(), "tipping_share", l.tippingShare());
        out.append(',');
        field("tipping_group_multi").append(l.tippingGroupMulti());
    }

    private void group(GroupFollowUp g) {
        field("n").append(g.n()).append(',');
        field("events").append(g.events()).append(',');
        field("lost").append(g.lost()).append(',');
        pairs("completeness", g.completeness(), "median_follow_up", g.medianFollowUp(),
                "risk_at_horizon", g.riskAtHorizon(), "risk_if_other_rate", g.riskIfOtherRate());
    }

    private void ipcw(IpcwResult w) {
        ModelTerm t = w.outcomeModel().terms().stream().filter(x -> x.name().equals("multifactor")).findFirst()
                .orElse(null);
        field("lost").append(w.lost()).append(',');
        field("intervals").append(w.intervals()).append(',');
        pairs("min_weight", w.minWeight(), "max_weight", w.maxWeight(), "mean_weight", w.meanWeight(),
                "hr", t == null ? Double.NaN : t.ratio(), "lower", t == null ? Double.NaN : t.lower(),
                "upper", t == null ? Double.NaN : t.upper(), "se", t == null ? Double.NaN : t.se());
    }

    private void piecewise(PiecewiseCoxResult p) {
        field("cut"); number(p.cuts().getFirst()); out.append(',');
        field("before"); object(p.before(), this::ratioInterval); out.append(',');
        field("after"); object(p.after(), this::ratioInterval);
    }

    private void ratioInterval(ModelTerm t) {
        pairs("hr", t.ratio(), "lower", t.lower(), "upper", t.upper(), "p", t.p());
    }

    private void riskDifference(RiskDifferenceResult d) {
        pairs("risk_multi", d.riskMulti(), "risk_isolated", d.riskIsolated(), "difference", d.difference(),
                "lower", d.lower(), "upper", d.upper());
        out.append(',');
        field("replicates").append(d.replicates());
    }

    private void persistentPain(PersistentPainResult p) {
        field("isolated"); object(p.isolated(), this::rate); out.append(',');
        field("multi"); object(p.multi(), this::rate); out.append(',');
        TwoByTwoResult t = p.comparison();
        pairs("rr", t.rr(), "rd", t.rd(), "rd_lower", t.rdLower(), "rd_upper", t.rdUpper(), "fisher_p", t.fisherP());
        out.append(',');
        field("unknown_isolated").append(p.unknownIsolated()).append(',');
        field("unknown_multi").append(p.unknownMulti());
    }

    private void rate(ProportionEstimate p) {
        field("n").append(p.n()).append(',');
        field("events").append(p.events()).append(',');
        pairs("rate", p.rate(), "lower", p.lower(), "upper", p.upper());
    }

    private void km(SurvivalCurve c, int horizon) {
        field("n").append(c.n()).append(',');
        field("events").append(c.events()).append(',');
        pairs("surv_at_horizon", c.survivalAt(horizon), "lower", c.lowerAt(horizon), "upper", c.upperAt(horizon));
        out.append(',');
        field("curve").append('[');
        for (int i = 0; i < c.time().length; i++) {
            out.append(i == 0 ? "[" : ",[");
            number(c.time()[i]); out.append(',');
            number(c.surv()[i]); out.append(',');
            number(c.lower()[i]); out.append(',');
            number(c.upper()[i]); out.append(',');
            out.append(c.nRisk()[i]).append(']');
        }
        out.append(']');
    }

    private void logRank(LogRankResult l) {
        field("chisq"); number(l.chisq()); out.append(',');
        field("df").append(l.df()).append(',');
        field("p"); number(l.p());
    }

    private void cox(CoxResult c) {
        field("n").append(c.n()).append(',');
        field("events").append(c.events()).append(',');
        pairs("loglik", c.loglik(), "loglik_null", c.loglikNull(), "lr_chisq", c.lrChisq());
        out.append(',');
        field("lr_df").append(c.lrDf()).append(',');
        field("lr_p"); number(c.lrP()); out.append(',');
        field("converged").append(c.converged()).append(',');
        field("dropped"); strings(c.droppedTerms()); out.append(',');
        field("terms"); terms(c.terms(), "hr");
    }

    private void terms(List<ModelTerm> terms, String ratioName) {
        array(terms, t -> object(t, x -> {
            field("name"); string(x.name()); out.append(',');
            pairs("coef", x.coef(), "se", x.se(), ratioName, x.ratio(), "lower", x.lower(), "upper", x.upper(), "z", x.z(),
                    "p", x.p());
        }));
    }

    /**
     * A JSON object, its braces around what {@code members} writes; {@code null} for a result the analysis left out
     * (R's jsonlite reads it as NA). Every object of the document is written through here.
     */
    private <T> void object(@Nullable T value, Consumer<T> members) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('{');
        members.accept(value);
        out.append('}');
    }

    /** A JSON array, each element written by {@code element}. */
    private <T> void array(List<T> values, Consumer<T> element) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            element.accept(values.get(i));
        }
        out.append(']');
    }

    private void pairs(Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            field((String) namesAndValues[i]);
            number((Double) namesAndValues[i + 1]);
        }
    }

    private StringBuilder field(String name) {
        string(name);
        return out.append(':');
    }

    private void number(double v) {
        if (Double.isFinite(v)) {
            out.append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
        } else {
            out.append("null");
        }
    }

    private void strings(List<String> values) {
        array(values, this::string);
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
