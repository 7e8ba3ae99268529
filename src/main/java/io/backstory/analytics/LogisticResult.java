package io.backstory.analytics;

import java.util.List;

/**
 * A fitted logistic regression, as R's {@code summary(glm(..., family = binomial))} reports it.
 *
 * @param terms        {@code (intercept)} first, then one entry per estimable column in input order
 * @param deviance     residual deviance
 * @param nullDeviance deviance of the intercept-only model
 * @param iterations   IRLS iterations ({@code fit$iter})
 * @param converged    false when the iteration limit was reached
 * @param separation   true when fitted probabilities reached 0 or 1 numerically or coefficients
 *                     kept diverging: estimates and standard errors are then not valid
 * @param droppedTerms constant or collinear columns left out (NA in R)
 * @param warnings     plain-language warnings (separation, non-convergence, dropped terms)
 * @param n            rows used
 */
public record LogisticResult(List<ModelTerm> terms, double deviance, double nullDeviance, int iterations,
                             boolean converged, boolean separation, List<String> droppedTerms,
                             List<String> warnings, int n) implements RegressionResult {

    public static final String INTERCEPT = "(intercept)";

    public LogisticResult {
        terms = List.copyOf(terms);
        droppedTerms = List.copyOf(droppedTerms);
        warnings = List.copyOf(warnings);
    }

    /**
     * Predicted probabilities {@code plogis(eta)} for the rows of {@code columns}, matched to the
     * model's terms by name (dropped and extra columns are ignored). On the data the model was
     * fitted to, this is R's {@code fitted(fit)}.
     */
    public double[] predict(double[][] columns, String[] names) {
        if (columns == null || names == null || names.length != columns.length) {
            throw new IllegalArgumentException("names must have one entry per column of columns");
        }
        int n = columns.length == 0 ? -1 : columns[0].length;
        double intercept = terms.get(0).coef();
        double[][] used = new double[terms.size() - 1][];
        double[] coef = new double[terms.size() - 1];
        for (int t = 1; t < terms.size(); t++) {
            String name = terms.get(t).name();
            int found = -1;
            for (int j = 0; j < names.length; j++) {
                if (name.equals(names[j])) {
                    found = j;
                }
            }
            if (found < 0) {
                throw new IllegalArgumentException("columns: no column named '" + name + "', which the model uses");
            }
            used[t - 1] = columns[found];
            coef[t - 1] = terms.get(t).coef();
            if (columns[found] == null || (n >= 0 && columns[found].length != n)) {
                throw new IllegalArgumentException("columns: column '" + name + "' must have one value per row (" + n + ")");
            }
        }
        if (n < 0) {
            throw new IllegalArgumentException("columns must contain at least one column to know the number of rows");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double eta = intercept;
            for (int k = 0; k < coef.length; k++) {
                eta += coef[k] * used[k][i];
            }
            out[i] = LogisticModel.linkInverse(eta);
        }
        return out;
    }
}
