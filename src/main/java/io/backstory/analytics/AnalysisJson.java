package io.backstory.analytics;

import java.util.List;

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
        j.report(r);
        return j.out.toString();
    }

    private void report(AnalysisReport r) {
        out.append('{');
        field("n").append(r.n()).append(',');
        field("events").append(r.events()).append(',');
        field("horizon_days").append(r.horizonDays()).append(',');
        field("isolated_max_breadth").append(r.isolatedMaxBreadth()).append(',');
        field("follow_up_completeness"); number(r.followUpCompleteness()); out.append(',');
        field("rates").append('{');
        field("isolated"); rate(r.isolatedRate()); out.append(',');
        field("multi"); rate(r.multiRate()); out.append("},");
        TwoByTwoResult t = r.twoByTwo();
        field("two_by_two").append('{');
        pairs("rr", t.rr(), "rr_lower", t.rrLower(), "rr_upper", t.rrUpper(), "or", t.or(), "or_lower", t.orLower(),
                "or_upper", t.orUpper(), "rd", t.rd(), "rd_lower", t.rdLower(), "rd_upper", t.rdUpper(),
                "chisq", t.chisq(), "chisq_p", t.chisqP(), "fisher_p", t.fisherP());
        out.append("},");
        field("trend").append('{');
        pairs("chisq", r.trend().chisq(), "p", r.trend().p());
        out.append("},");
        field("km").append('{');
        field("isolated"); km(r.kmIsolated(), r.horizonDays()); out.append(',');
        field("multi"); km(r.kmMulti(), r.horizonDays()); out.append("},");
        field("logrank"); logRank(r.logRank()); out.append(',');
        field("logrank_breadth"); logRank(r.logRankBreadth()); out.append(',');
        field("cox"); cox(r.cox()); out.append(',');
        field("primary"); cox(r.primary()); out.append(',');
        field("therapists").append(r.therapists()).append(',');
        field("ph_test"); phTest(r.primary().phTest()); out.append(',');
        field("cox_with_visits"); cox(r.coxWithVisits()); out.append(',');
        field("visits_change");
        if (r.visitsChange() == null) {
            out.append("null,");
        } else {
            out.append('{');
            pairs("ratio", r.visitsChange().ratio(), "percent", r.visitsChange().percent());
            out.append("},");
        }
        field("logistic").append('{');
        field("deviance"); number(r.logistic().deviance()); out.append(',');
        field("null_deviance"); number(r.logistic().nullDeviance()); out.append(',');
        field("n").append(r.logistic().n()).append(',');
        field("separation").append(r.logistic().separation()).append(',');
        field("converged").append(r.logistic().converged()).append(',');
        field("terms"); terms(r.logistic().terms(), "or"); out.append("},");
        field("factors").append('[');
        for (int i = 0; i < r.factors().size(); i++) {
            FactorEffect f = r.factors().get(i);
            out.append(i == 0 ? "{" : ",{");
            field("name"); string(f.name()); out.append(',');
            pairs("hr", f.hr(), "lower", f.lower(), "upper", f.upper(), "p", f.p(), "p_bh", f.pBh());
            out.append('}');
        }
        out.append("],");
        field("iptw"); iptw(r.iptw()); out.append(',');
        field("loss_to_follow_up"); loss(r.loss()); out.append(',');
        field("ipcw"); ipcw(r.ipcw()); out.append(',');
        field("piecewise"); piecewise(r.piecewise()); out.append(',');
        field("risk_difference"); riskDifference(r.riskDifference()); out.append(',');
        field("persistent_pain"); persistentPain(r.persistentPain()); out.append(',');
        field("composite");
        if (r.composite() == null) {
            out.append("null");
        } else {
            cox(r.composite());
        }
        out.append(',');
        field("e_value").append('{');
        pairs("point", r.eValue().point(), "ci", r.eValue().ci());
        out.append("},");
        field("power").append('{');
        pairs("min_detectable_hr", r.minDetectableHr(), "alpha", 0.05, "power", 0.80);
        out.append("},");
        field("verdict").append('{');
        field("code"); string(r.verdict().code().name()); out.append(',');
        field("sentence"); string(r.verdict().sentence()); out.append(',');
        field("reasons"); strings(r.verdict().reasons()); out.append(',');
        field("warnings"); strings(r.verdict().warnings()); out.append("},");
        field("warnings"); strings(r.warnings()); out.append(',');
        field("timing_ms"); number(r.timingMs());
        out.append('}');
    }

    private void phTest(PhTestResult ph) {
        if (ph == null) {
            out.append("null");
            return;
        }
        out.append('{');
        field("transform"); string(ph.transform().name().toLowerCase(java.util.Locale.ROOT)); out.append(',');
        field("terms").append('[');
        for (int i = 0; i < ph.terms().size(); i++) {
            out.append(i == 0 ? "" : ",");
            phTerm(ph.terms().get(i));
        }
        out.append("],");
        field("global"); phTerm(ph.global());
        out.append('}');
    }

    private void phTerm(PhTestTerm t) {
        out.append('{');
        field("name"); string(t.name()); out.append(',');
        field("chisq"); number(t.chisq()); out.append(',');
        field("df").append(t.df()).append(',');
        field("p"); number(t.p());
        out.append('}');
    }

    private void iptw(PropensityWeightingResult w) {
        if (w == null) {
            out.append("null");
            return;
        }
        out.append('{');
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
        field("balance").append('[');
        List<CovariateBalance> rows = w.balance().rows();
        for (int i = 0; i < rows.size(); i++) {
            CovariateBalance b = rows.get(i);
            out.append(i == 0 ? "{" : ",{");
            field("name"); string(b.name()); out.append(',');
            pairs("smd_before", b.smdBefore(), "smd_after", b.smdAfter());
            out.append('}');
        }
        out.append("]}");
    }

    private void loss(LossToFollowUpResult l) {
        if (l == null) {
            out.append("null");
            return;
        }
        out.append('{');
        field("isolated"); group(l.isolated()); out.append(',');
        field("multi"); group(l.multi()); out.append(',');
        pairs("completeness_gap", l.completenessGap(), "risk_difference", l.riskDifference(),
                "risk_difference_other_rate", l.riskDifferenceOtherRate(), "risk_difference_all_lost",
                l.riskDifferenceAllLost(), "risk_difference_lowest", l.riskDifferenceLowest(),
                "risk_difference_highest", l.riskDifferenceHighest(), "tipping_share", l.tippingShare());
        out.append(',');
        field("tipping_group_multi").append(l.tippingGroupMulti());
        out.append('}');
    }

    private void group(GroupFollowUp g) {
        out.append('{');
        field("n").append(g.n()).append(',');
        field("events").append(g.events()).append(',');
        field("lost").append(g.lost()).append(',');
        pairs("completeness", g.completeness(), "median_follow_up", g.medianFollowUp(),
                "risk_at_horizon", g.riskAtHorizon(), "risk_if_other_rate", g.riskIfOtherRate());
        out.append('}');
    }

    private void ipcw(IpcwResult w) {
        if (w == null || w.outcomeModel() == null) {
            out.append("null");
            return;
        }
        ModelTerm t = w.outcomeModel().terms().stream().filter(x -> x.name().equals("multifactor")).findFirst()
                .orElse(null);
        out.append('{');
        field("lost").append(w.lost()).append(',');
        field("intervals").append(w.intervals()).append(',');
        pairs("min_weight", w.minWeight(), "max_weight", w.maxWeight(), "mean_weight", w.meanWeight(),
                "hr", t == null ? Double.NaN : t.ratio(), "lower", t == null ? Double.NaN : t.lower(),
                "upper", t == null ? Double.NaN : t.upper(), "se", t == null ? Double.NaN : t.se());
        out.append('}');
    }

    private void piecewise(PiecewiseCoxResult p) {
        if (p == null) {
            out.append("null");
            return;
        }
        out.append('{');
        field("cut"); number(p.cuts().getFirst()); out.append(',');
        field("before"); ratioInterval(p.before()); out.append(',');
        field("after"); ratioInterval(p.after());
        out.append('}');
    }

    private void ratioInterval(ModelTerm t) {
        out.append('{');
        pairs("hr", t.ratio(), "lower", t.lower(), "upper", t.upper(), "p", t.p());
        out.append('}');
    }

    private void riskDifference(RiskDifferenceResult d) {
        if (d == null) {
            out.append("null");
            return;
        }
        out.append('{');
        pairs("risk_multi", d.riskMulti(), "risk_isolated", d.riskIsolated(), "difference", d.difference(),
                "lower", d.lower(), "upper", d.upper());
        out.append(',');
        field("replicates").append(d.replicates());
        out.append('}');
    }

    private void persistentPain(PersistentPainResult p) {
        if (p == null) {
            out.append("null");
            return;
        }
        out.append('{');
        field("isolated"); rate(p.isolated()); out.append(',');
        field("multi"); rate(p.multi()); out.append(',');
        TwoByTwoResult t = p.comparison();
        pairs("rr", t.rr(), "rd", t.rd(), "rd_lower", t.rdLower(), "rd_upper", t.rdUpper(), "fisher_p", t.fisherP());
        out.append(',');
        field("unknown_isolated").append(p.unknownIsolated()).append(',');
        field("unknown_multi").append(p.unknownMulti());
        out.append('}');
    }

    private void rate(ProportionEstimate p) {
        out.append('{');
        field("n").append(p.n()).append(',');
        field("events").append(p.events()).append(',');
        pairs("rate", p.rate(), "lower", p.lower(), "upper", p.upper());
        out.append('}');
    }

    private void km(SurvivalCurve c, int horizon) {
        out.append('{');
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
        out.append("]}");
    }

    private void logRank(LogRankResult l) {
        out.append('{');
        field("chisq"); number(l.chisq()); out.append(',');
        field("df").append(l.df()).append(',');
        field("p"); number(l.p());
        out.append('}');
    }

    private void cox(CoxResult c) {
        out.append('{');
        field("n").append(c.n()).append(',');
        field("events").append(c.events()).append(',');
        pairs("loglik", c.loglik(), "loglik_null", c.loglikNull(), "lr_chisq", c.lrChisq());
        out.append(',');
        field("lr_df").append(c.lrDf()).append(',');
        field("lr_p"); number(c.lrP()); out.append(',');
        field("converged").append(c.converged()).append(',');
        field("dropped"); strings(c.droppedTerms()); out.append(',');
        field("terms"); terms(c.terms(), "hr");
        out.append('}');
    }

    private void terms(List<ModelTerm> terms, String ratioName) {
        out.append('[');
        for (int i = 0; i < terms.size(); i++) {
            ModelTerm t = terms.get(i);
            out.append(i == 0 ? "{" : ",{");
            field("name"); string(t.name()); out.append(',');
            pairs("coef", t.coef(), "se", t.se(), ratioName, t.ratio(), "lower", t.lower(), "upper", t.upper(), "z", t.z(), "p", t.p());
            out.append('}');
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
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(values.get(i));
        }
        out.append(']');
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
