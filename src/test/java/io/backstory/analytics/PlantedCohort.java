package io.backstory.analytics;

import static io.backstory.demo.RecurrenceOnset.RECOVERY_DAYS;
import static io.backstory.demo.RecurrenceOnset.WEIBULL_SCALE;
import static io.backstory.demo.RecurrenceOnset.WEIBULL_SHAPE;

import io.backstory.demo.RecurrenceOnset;
import io.backstory.demo.SeededDraws;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Planted-truth cohorts for issue 10: datasets where we know whether multi-factor plans change recurrence,
 * built so that one model alone gets the answer wrong, to show what the careful statistics say.
 *
 * <p>The common model, per discharged episode (all randomness from one seeded {@link SplittableRandom}):
 * <ul>
 *   <li><b>case mix</b> as in the demo clinic: sex F 55 % / M 43 % / X 2 %; chronicity acute 35 % / subacute
 *       25 % / chronic 40 %; age about 47 ± 14; a latent severity (worse when chronic) drives baseline NPRS,
 *       ODI, FABQ-PA and STarT Back together; prior episodes Poisson, more when chronic;</li>
 *   <li><b>therapist and location</b>: 12 therapists {@code T1..T12}, each at one of 3 locations
 *       ({@code L1..L3}, therapist k at location (k - 1) mod 3 + 1), episodes spread evenly;</li>
 *   <li><b>plan</b>: multi-factor with probability logistic(0.3 + 0.5 z), where the <em>measured</em> indication
 *       z = 0.15 (NPRS - 5.5) + 0.04 (ODI - 30) + 0.08 (FABQ-PA - 12) + 0.4 chronic + 0.4 STarT Back high
 *       (confounding by indication: sicker patients get broader plans); breadth 2-5 when multi-factor,
 *       0-1 when isolated, factors drawn at random; visits 2 + breadth + Poisson(2), at most 14;</li>
 *   <li><b>recovery</b>: 12 % of patients (more when severe) never recover after discharge; they cannot
 *       have a recurrence (Stanton 2011), and nothing about their plan changes that;</li>
 *   <li><b>recurrence</b> of the recovered: Weibull proportional hazards (shape 0.85) starting after the
 *       30-day recovery window, log hazard = ln(HR) multi + ln 1.25 per prior episode + ln 1.4 chronic +
 *       ln 1.3 STarT Back high + 0.03 (FABQ-PA - 12) + 0.005 (age - 47), which depends only on measured
 *       covariates, so the adjusted Cox model is unbiased unless the scenario says otherwise;</li>
 *   <li><b>check-ins</b> on days 30, 91, 182 and 365, each answered with probability 0.92; at the onset of a
 *       recurrence the patient stops answering for good with probability 0.05 (some people stop answering
 *       when the pain is back); a recurrence is seen (with its onset day) at the first answered check-in after
 *       the onset; otherwise the episode is censored at its last answered check-in (day 0 if none);
 *       {@code recovered} is 1 or 0 once a check-in was answered (or a recurrence seen), else NA.</li>
 * </ul>
 * The scenarios change one thing each:
 * <ul>
 *   <li>{@link Scenario#BENEFIT}: HR 0.7 for multi-factor plans;</li>
 *   <li>{@link Scenario#HARM}: HR 1.4;</li>
 *   <li>{@link Scenario#CONFOUNDED_NULL}: HR 1, and the indication weighs 7 times as much (3.5 z), so plans are
 *       nearly determined by how sick the patient is (crude comparisons mislead, covariates are badly
 *       unbalanced and inverse-probability weights are extreme);</li>
 *   <li>{@link Scenario#DOSE_ONLY_NULL}: HR 1 for the plan, but recurrence falls with the number of visits
 *       (log HR -0.06 a visit) and broad plans get more visits (2 + 2 breadth + Poisson(2), at most 20);</li>
 *   <li>{@link Scenario#DIFFERENTIAL_LOSS_NULL}: HR 1, but at the onset of a recurrence patients under
 *       multi-factor plans stop answering check-ins with probability 0.25, under isolated plans 0.05;</li>
 *   <li>{@link Scenario#THERAPIST_NULL}: HR 1, but therapist T1 (30 % of the episodes) gives most
 *       multi-factor plans (logit + 2.5, the others - 0.6, plus 0.5 z) and her patients recur less (HR 0.45) for reasons
 *       unrelated to breadth.</li>
 *   <li>{@link Scenario#DELAYED_BENEFIT}: hazards not proportional: HR 0.3 for multi-factor plans during the first
 *       60 days after the recovery window (to day 90), 1 afterwards (the Weibull cumulative hazard inverted piece
 *       by piece; no other random draw changes). The PH test fails (global p 3e-8): the piecewise HR (0.26 before
 *       day 90, 0.98 after) and the horizon risk difference are what the verdict reads.</li>
 * </ul>
 * Regenerate the committed R-reference cohorts with
 * {@code java -cp target/test-classes:target/classes:$CP io.backstory.analytics.PlantedCohort} (see
 * src/test/resources/io/backstory/analytics/planted/reference.R; the delayed-benefit cohort is read by
 * pipeline/reference.R for the end-to-end PH-failure path).
 */
final class PlantedCohort {

    enum Scenario {
        BENEFIT(0.7), HARM(1.4), CONFOUNDED_NULL(1), DOSE_ONLY_NULL(1), DIFFERENTIAL_LOSS_NULL(1), THERAPIST_NULL(1),
        /**
         * Non-proportional hazards ("delays, not prevents"): a multi-factor plan multiplies the hazard by
         * {@link #EARLY_HR} during the first {@link #EARLY_DAYS} days after the recovery window and not at all
         * afterwards, so the PH test fails and the piecewise model and the horizon risk difference run.
         */
        DELAYED_BENEFIT(1);

        /** The hazard ratio of a multi-factor plan planted in the data. */
        final double plantedHr;

        Scenario(double plantedHr) {
            this.plantedHr = plantedHr;
        }

        String fileName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-') + ".csv";
        }
    }

    static final int EPISODES = 3000;
    static final long SEED = 20261031L;
    static final int THERAPISTS = 12;
    static final int LOCATIONS = 3;
    static final int[] CHECK_IN_DAYS = {30, 91, 182, 365};
    static final int HORIZON = 365;
    private static final double ANSWERED = 0.92;
    /** {@link Scenario#DELAYED_BENEFIT}: hazard ratio before, and length of, the early period (to day 90). */
    static final double EARLY_HR = 0.3;
    static final int EARLY_DAYS = 60;

    private PlantedCohort() {
    }

    static List<AnalysisEpisode> generate(Scenario scenario) {
        return generate(scenario, SEED, EPISODES);
    }

    static List<AnalysisEpisode> generate(Scenario scenario, long seed, int episodes) {
        SplittableRandom r = new SplittableRandom(seed + scenario.ordinal());
        List<AnalysisEpisode> out = new ArrayList<>(episodes);
        for (int i = 0; i < episodes; i++) {
            out.add(episode(scenario, r, i + 1));
        }
        return out;
    }

    private static AnalysisEpisode episode(Scenario s, SplittableRandom r, int id) {
        int therapist = s != Scenario.THERAPIST_NULL ? r.nextInt(THERAPISTS)
                : r.nextDouble() < 0.3 ? 0 : 1 + r.nextInt(THERAPISTS - 1);
        double u = r.nextDouble();
        Sex sex = u < 0.55 ? Sex.F : u < 0.98 ? Sex.M : Sex.X;
        u = r.nextDouble();
        Chronicity chronicity = u < 0.35 ? Chronicity.ACUTE : u < 0.60 ? Chronicity.SUBACUTE : Chronicity.CHRONIC;
        boolean chronic = chronicity == Chronicity.CHRONIC;
        double severity = r.nextGaussian() + (chronic ? 0.5 : chronicity == Chronicity.SUBACUTE ? 0.2 : 0);
        int age = (int) Math.round(Math.clamp(47 + 14 * r.nextGaussian(), 18, 86));
        int nprs = (int) Math.clamp(Math.round(5.6 + 1.4 * severity + r.nextGaussian()), 1, 10);
        int odi = (int) Math.clamp(2 * Math.round((32 + 10 * severity + 7 * r.nextGaussian()) / 2), 0, 100);
        int fabq = (int) Math.clamp(Math.round(13 + 4 * severity + 3 * r.nextGaussian()), 0, 24);
        double sb = 0.9 * severity + 0.8 * r.nextGaussian();
        StartBackRisk startBack = sb < 0 ? StartBackRisk.LOW : sb < 1.1 ? StartBackRisk.MEDIUM : StartBackRisk.HIGH;
        boolean sbHigh = startBack == StartBackRisk.HIGH;
        int prior = Math.min(8, SeededDraws.poisson(r, 0.5 + (chronic ? 1.0 : chronicity == Chronicity.SUBACUTE ? 0.4 : 0)));

        double indication = 0.15 * (nprs - 5.5) + 0.04 * (odi - 30) + 0.08 * (fabq - 12) + (chronic ? 0.4 : 0)
                + (sbHigh ? 0.4 : 0);
        double logit = 0.3 + switch (s) {
            case CONFOUNDED_NULL -> 3.5 * indication;
            case THERAPIST_NULL -> 0.5 * indication + (therapist == 0 ? 2.5 : -0.6);
            default -> 0.5 * indication;
        };
        boolean multi = r.nextDouble() < 1 / (1 + Math.exp(-logit));
        int breadth = multi ? 2 + r.nextInt(4) : (r.nextDouble() < 0.75 ? 1 : 0);
        int mask = factors(r, breadth);
        int visits = s == Scenario.DOSE_ONLY_NULL
                ? (int) Math.min(20, 2 + 2 * breadth + SeededDraws.poisson(r, 2))
                : (int) Math.min(14, 2 + breadth + SeededDraws.poisson(r, 2));

        boolean recovers = r.nextDouble() >= 1 / (1 + Math.exp(-(-2.1 + 0.4 * severity)));
        double lp = Math.log(s.plantedHr) * (multi ? 1 : 0) + Math.log(1.25) * prior + (chronic ? Math.log(1.4) : 0)
                + (sbHigh ? Math.log(1.3) : 0) + 0.03 * (fabq - 12) + 0.005 * (age - 47);
        if (s == Scenario.DOSE_ONLY_NULL) {
            lp += -0.06 * (visits - 8);
        }
        if (s == Scenario.THERAPIST_NULL && therapist == 0) {
            lp += Math.log(0.45);
        }
        double e = -Math.log(1 - r.nextDouble());
        double onset = recovers
                ? Math.ceil(s == Scenario.DELAYED_BENEFIT && multi ? RECOVERY_DAYS + delayedOnset(e, lp) : RecurrenceOnset.days(e, lp))
                : Double.POSITIVE_INFINITY;
        double stopAtRecurrence = s == Scenario.DIFFERENTIAL_LOSS_NULL ? (multi ? 0.25 : 0.05) : 0.05;
        boolean stops = r.nextDouble() < stopAtRecurrence;

        int lastAnswered = 0;
        boolean anyAnswered = false;
        boolean seen = false;
        for (int day : CHECK_IN_DAYS) {
            boolean answers = r.nextDouble() < ANSWERED;
            if (onset <= day && stops) {
                continue; // stopped answering when the pain came back
            }
            if (!answers) {
                continue;
            }
            anyAnswered = true;
            if (onset <= day) {
                seen = true;
                break;
            }
            lastAnswered = day;
        }
        double time = seen ? onset : lastAnswered;
        Boolean recovered = seen || (anyAnswered && recovers) ? Boolean.TRUE : anyAnswered ? Boolean.FALSE : null;
        return new AnalysisEpisode("P" + id, (mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0, (mask & 8) != 0,
                (mask & 16) != 0, (double) age, sex, chronicity, (double) nprs, (double) odi, (double) fabq, startBack,
                prior, visits, time, seen, "T" + (therapist + 1), "L" + (therapist % LOCATIONS + 1), recovered);
    }

    /**
     * Time after the recovery window at which the cumulative hazard reaches {@code e}, when it is EARLY_HR x the
     * Weibull hazard up to EARLY_DAYS and the Weibull hazard after: H(t) = c (EARLY_HR min(t, D)^k + (t^k - D^k)+)
     * with c = scale exp(lp), inverted piece by piece.
     */
    private static double delayedOnset(double e, double lp) {
        double c = WEIBULL_SCALE * Math.exp(lp);
        double early = c * EARLY_HR * Math.pow(EARLY_DAYS, WEIBULL_SHAPE);
        return e <= early ? Math.pow(e / (c * EARLY_HR), 1 / WEIBULL_SHAPE)
                : Math.pow((e - early) / c + Math.pow(EARLY_DAYS, WEIBULL_SHAPE), 1 / WEIBULL_SHAPE);
    }

    /** {@code breadth} of the five factors, drawn without replacement, as a bit mask. */
    private static int factors(SplittableRandom r, int breadth) {
        int mask = 0;
        while (Integer.bitCount(mask) < breadth) {
            mask |= 1 << r.nextInt(5);
        }
        return mask;
    }

    /** The committed cohort of {@code scenario} that reference.R read (see {@link #main}). */
    static List<AnalysisEpisode> committed(Scenario scenario) {
        String resource = "planted/" + scenario.fileName();
        try (var in = PlantedCohort.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return AnalysisCsv.read(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The columns the analysis builds: horizon 365 days, isolated plan = breadth &lt;= 1. */
    static AnalysisColumns columns(List<AnalysisEpisode> rows) {
        return AnalysisColumns.of(rows, HORIZON, 1);
    }

    static String csv(Scenario scenario) {
        StringWriter w = new StringWriter();
        AnalysisCsv.write(w, generate(scenario));
        return w.toString();
    }

    /** Writes the cohorts that reference.R reads. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/io/backstory/analytics/planted");
        Files.createDirectories(dir);
        for (Scenario s : new Scenario[] {Scenario.CONFOUNDED_NULL, Scenario.DIFFERENTIAL_LOSS_NULL,
                Scenario.DELAYED_BENEFIT}) {
            Path file = dir.resolve(s.fileName());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write(csv(s));
            }
            System.out.println("wrote " + file);
        }
    }
}
