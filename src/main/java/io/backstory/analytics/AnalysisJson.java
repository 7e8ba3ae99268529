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
        field("cox_with_visits"); cox(r.coxWithVisits()); out.append(',');
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
        field("iptw").append('{');
        pairs("hr", r.iptw().hr(), "lower", r.iptw().lower(), "upper", r.iptw().upper(), "se", r.iptw().se(),
                "min_weight", r.iptw().minWeight(), "max_weight", r.iptw().maxWeight(), "mean_weight", r.iptw().meanWeight());
        out.append("},");
        field("e_value").append('{');
        pairs("point", r.eValue().point(), "ci", r.eValue().ci());
        out.append("},");
        field("power").append('{');
        pairs("min_detectable_hr", r.minDetectableHr(), "alpha", 0.05, "power", 0.80);
        out.append("},");
        field("verdict").append('{');
        field("code"); string(r.verdict().code().name()); out.append(',');
        field("sentence"); string(r.verdict().sentence()); out.append(',');
        field("warnings"); strings(r.verdict().warnings()); out.append("},");
        field("warnings"); strings(r.warnings()); out.append(',');
        field("timing_ms"); number(r.timingMs());
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
