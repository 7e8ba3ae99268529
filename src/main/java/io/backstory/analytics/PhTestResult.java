package io.backstory.analytics;

import java.util.List;

/**
 * The Schoenfeld-residual test of proportional hazards, as R's {@code cox.zph(fit, transform)} of survival
 * 3.x computes it: a score test, per term and globally, of adding g(t) x to the model (Grambsch &amp; Therneau
 * 1994). Columns named {@code base[level]} form one term {@code base} (R's factor and spline terms,
 * {@code terms = TRUE}); every other column is a term of its own. Terms whose coefficient was not estimable
 * are left out, as in R.
 *
 * @param transform the time transform used
 * @param terms     one entry per term, in column order
 * @param global    the joint test of all terms ({@code cox.zph(fit)$table["GLOBAL", ]})
 */
public record PhTestResult(PhTransform transform, List<PhTestTerm> terms, PhTestTerm global) {

    public PhTestResult {
        terms = List.copyOf(terms);
    }

    /** The term called {@code name} ({@code "GLOBAL"} for the global test); throws when unknown. */
    public PhTestTerm term(String name) {
        if (global.name().equals(name)) {
            return global;
        }
        for (PhTestTerm t : terms) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("name: no term called '" + name + "' in this test; terms are "
                + terms.stream().map(PhTestTerm::name).toList());
    }
}
