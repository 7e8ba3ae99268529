package io.backstory.analytics;

/**
 * One coefficient of a fitted regression model, in the form R's {@code summary(coxph)} and
 * {@code summary(glm)} print it.
 *
 * @param name  the term's column name
 * @param coef  the coefficient on the linear-predictor (log hazard / log odds) scale
 * @param se    its standard error (for a robust Cox fit: R's "robust se")
 * @param ratio {@code exp(coef)}: the hazard ratio (Cox) or odds ratio (logistic)
 * @param lower lower 95 % Wald limit of the ratio, {@code exp(coef - 1.959964 se)}
 * @param upper upper 95 % Wald limit of the ratio, {@code exp(coef + 1.959964 se)}
 * @param z     Wald statistic {@code coef / se}
 * @param p     two-sided Wald p-value {@code 2 * pnorm(-|z|)}
 */
public record ModelTerm(String name, double coef, double se, double ratio, double lower, double upper,
                        double z, double p) {

    /** {@code qnorm(0.975)} in R. */
    static final double Z_975 = 1.959963984540054;

    static ModelTerm wald(String name, double coef, double se) {
        double z = coef / se;
        return new ModelTerm(name, coef, se, Math.exp(coef), Math.exp(coef - Z_975 * se),
                Math.exp(coef + Z_975 * se), z, Tails.twoSidedNormal(z));
    }
}
