package io.backstory.demo;

import io.backstory.analytics.AnalysisEpisode;
import io.backstory.analytics.Chronicity;
import io.backstory.analytics.Sex;
import io.backstory.analytics.StartBackRisk;
import io.backstory.demo.SyntheticRecords.Baseline;
import io.backstory.demo.SyntheticRecords.Episode;
import io.backstory.demo.SyntheticRecords.FollowUp;
import io.backstory.demo.SyntheticRecords.Patient;
import io.backstory.demo.SyntheticRecords.Recurrence;
import io.backstory.demo.SyntheticRecords.Visit;
import io.backstory.followups.FollowUpStatus;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A synthetic clinic with a known, planted effect, so the report can be checked against the truth.
 *
 * <p>The model, per discharged episode:
 * <ul>
 *   <li>case mix: chronicity acute 35 % / subacute 25 % / chronic 40 %; age about 47 ± 14; sex F 55 %,
 *       M 43 %, X 2 %; prior episodes Poisson, more when chronic. A latent severity (worse when chronic)
 *       drives baseline NPRS, ODI, FABQ, TSK-11 and STarT Back together, so they correlate as in clinics;</li>
 *   <li><b>confounding by indication</b>: plan breadth (0-5 factors) rises with severity, chronicity and
 *       STarT Back risk — sicker patients get broader plans, which hides the benefit in crude comparisons;
 *       about a third of plans are isolated (breadth <= 1);</li>
 *   <li>time to first recurrence after discharge from a Weibull proportional-hazards model (shape 0.85,
 *       so early recurrences dominate as in da Silva 2019), starting after the 30 pain-free days that
 *       define recovery (Stanton 2011) with log hazard ratios: multi-factor plan
 *       ln 0.75 (<b>the planted effect, HR 0.75</b>), prior episode ln 1.25 each, chronic ln 1.4, high STarT
 *       Back ln 1.3, FABQ-PA 0.03 a point; the scale gives 12-month recurrence of about 40 %;</li>
 *   <li>check-ins at 1, 3, 6 and 12 months, each completed with probability 0.85 (pending when due after
 *       today); a recurrence is observed at the first completed check-in after its onset, or earlier when
 *       the patient seeks care and opens a new episode; otherwise the episode is censored at its last
 *       completed check-in (DESIGN §2).</li>
 * </ul>
 * Randomness comes only from the seed: the same spec gives the same clinic, row for row.
 */
final class DemoCohortGenerator {

    static final int[] FOLLOW_UP_MONTHS = {1, 3, 6, 12};
    static final double PLANTED_HR = 0.75;
    private static final double FOLLOW_UP_COMPLETED = 0.85;

    private static final String[] FIRST_F = {"Emma", "Olivia", "Sophie", "Mia", "Hannah", "Lea", "Anna", "Clara", "Laura", "Julia",
        "Sara", "Nora", "Ella", "Marie", "Lina", "Eva", "Ida", "Amelia", "Grace", "Chloe", "Isla", "Freya", "Ruby", "Alice"};
    private static final String[] FIRST_M = {"Liam", "Noah", "Lucas", "Leon", "Finn", "Elias", "Ben", "Jonas", "Paul", "Felix",
        "Max", "Henry", "Oscar", "Jack", "Leo", "Theo", "Arthur", "Samuel", "David", "Tom", "Adam", "Karl", "Erik", "Hugo"};
    private static final String[] FIRST_X = {"Alex", "Sam", "Robin", "Kim", "Charlie", "Jules"};
    private static final String[] LAST = {"Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Johnson", "Roberts",
        "Walker", "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Lewis",
        "Martin", "Jackson", "Clarke", "Clark", "Turner", "Hill", "Scott", "Cooper", "Morris", "Ward", "Moore", "King",
        "Watson", "Baker", "Harrison", "Morgan", "Patel", "Young", "Allen", "Mitchell", "James", "Anderson", "Phillips",
        "Lee", "Bell", "Parker", "Davis", "Berg", "Lund", "Novak", "Costa", "Rossi", "Meyer", "Fischer", "Weber", "Schulz"};
    private static final String[] NOTES = {"Tolerated session well.", "Progressed load as planned.", "Pain settled during session.",
        "Discussed pacing at work.", "Home programme reviewed.", "Some flare-up after gardening; reassured.",
        "Confidence with bending improving.", "Sleep still disturbed.", null, null, null};

    private final DemoCohortSpec spec;

    DemoCohortGenerator(DemoCohortSpec spec) {
        this.spec = spec;
    }

    /** Streams patients (each with one or more episodes) until the spec's discharged episodes are made, then the open ones. */
    void generate(Consumer<Patient> sink) {
        SplittableRandom random = new SplittableRandom(spec.seed());
        int discharged = 0;
        int patientIndex = 0;
        while (discharged < spec.dischargedEpisodes()) {
            Patient p = patient(random, patientIndex++, spec.dischargedEpisodes() - discharged, false);
            discharged += (int) p.episodes().stream().filter(e -> e.discharge() != null).count();
            sink.accept(p);
        }
        for (int i = 0; i < spec.openEpisodes(); i++) {
            sink.accept(patient(random, patientIndex++, 0, true));
        }
    }

    /** The analysis rows of the discharged episodes only, without names or visits: the fast path for benchmark datasets. */
    void analysisRows(Consumer<AnalysisEpisode> sink) {
        int[] id = {0};
        generate(p -> p.episodes().stream().filter(e -> e.discharge() != null).forEach(e -> sink.accept(toAnalysis("E" + (++id[0]), p, e))));
    }

    static AnalysisEpisode toAnalysis(String id, Patient p, Episode e) {
        int mask = e.factorMask();
        Baseline b = e.baseline();
        return new AnalysisEpisode(id, (mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0, (mask & 8) != 0, (mask & 16) != 0,
                (double) e.ageAtStart(), p.sex(), e.chronicity(), (double) b.nprs(), (double) b.odi(), (double) b.fabqPa(),
                b.startBack(), e.priorEpisodes(), e.visits().size(), e.timeDays(), e.recurrence() != null);
    }

    private Patient patient(SplittableRandom r, int index, int dischargedWanted, boolean openOnly) {
        double u = r.nextDouble();
        Sex sex = u < 0.55 ? Sex.F : u < 0.98 ? Sex.M : Sex.X;
        String first = switch (sex) {
            case F -> pick(r, FIRST_F);
            case M -> pick(r, FIRST_M);
            case X -> pick(r, FIRST_X);
        };
        String last = pick(r, LAST);
        int age = (int) Math.round(Math.clamp(47 + 14 * gaussian(r), 18, 86));
        LocalDate today = spec.today();
        // First episode ends somewhere in the last three years, so some follow-ups are still pending.
        LocalDate firstStart = openOnly
                ? today.minusDays(3 + r.nextInt(40))
                : today.minusDays(150 + r.nextInt(3 * 365));
        LocalDate dob = firstStart.minusYears(age).minusDays(r.nextInt(365));
        int therapist = r.nextInt(spec.therapists());
        int location = therapist % spec.locations();
        Chronicity chronicity = chronicity(r);
        int prior = Math.min(8, SeededDraws.poisson(r, 0.5 + (chronicity == Chronicity.CHRONIC ? 1.0 : chronicity == Chronicity.SUBACUTE ? 0.4 : 0)));

        List<Episode> episodes = new ArrayList<>();
        LocalDate start = firstStart;
        boolean open = openOnly;
        while (true) {
            Episode e = episode(r, therapist, location, start, chronicity, prior, (int) ChronoUnit.YEARS.between(dob, start), open);
            episodes.add(e);
            if (open || episodes.size() >= 3 || episodes.size() >= dischargedWanted) {
                break;
            }
            // A care-seeking recurrence opens the next episode of care a few days after its onset.
            Recurrence rec = e.recurrence();
            if (rec == null || !rec.source().equals("NEW_EPISODE")) {
                break;
            }
            start = rec.onset().plusDays(2 + r.nextInt(12));
            if (!start.isBefore(today.minusDays(3))) {
                break;
            }
            // Long enough ago to have been discharged (visits span up to ~20 weeks), or still in care.
            open = start.isAfter(today.minusDays(150));
            prior = Math.min(8, prior + 1);
            chronicity = r.nextDouble() < 0.6 ? Chronicity.CHRONIC : chronicity;
        }
        String phone = String.format("+44 7%03d %06d", r.nextInt(1000), r.nextInt(1_000_000));
        String email = (first + "." + last + index).toLowerCase() + "@example.org";
        return new Patient(index, first, last, dob, sex, phone, email, r.nextDouble() < 0.93, List.copyOf(episodes));
    }

    private Episode episode(SplittableRandom r, int therapist, int location, LocalDate start, Chronicity chronicity,
                            int prior, int age, boolean open) {
        double severity = gaussian(r) + (chronicity == Chronicity.CHRONIC ? 0.5 : chronicity == Chronicity.SUBACUTE ? 0.2 : 0);
        Baseline b = baseline(r, severity);

        // Confounding by indication: sicker patients get broader plans.
        double indication = 0.55 * severity + (chronicity == Chronicity.CHRONIC ? 0.35 : 0)
                + (b.startBack() == StartBackRisk.HIGH ? 0.3 : 0);
        int breadth = (int) Math.round(Math.clamp(1.8 + indication + 1.1 * gaussian(r), 0, 5));
        int planMask = chooseFactors(r, breadth, b, chronicity);

        int visitCount = open ? 1 + r.nextInt(5) : (int) Math.clamp(2 + breadth + SeededDraws.poisson(r, 2), 2, 14);
        List<Visit> visits = visits(r, start, visitCount, planMask, b.nprs(), open ? spec.today() : LocalDate.MAX);
        if (open) {
            return new Episode(therapist, location, start, null, null, chronicity, prior, age, b, null, null,
                    visits, List.of(), null, -1);
        }
        LocalDate discharge = visits.get(visits.size() - 1).date();
        double u = r.nextDouble();
        String reason = u < 0.70 ? "GOALS_MET" : u < 0.85 ? "SELF_DISCHARGED" : u < 0.93 ? "REFERRED_ON" : "OTHER";
        int dischargeNprs = (int) Math.clamp(Math.round(b.nprs() * (0.35 + 0.3 * r.nextDouble())), 0, 10);
        int dischargeOdi = (int) Math.clamp(Math.round(b.odi() * (0.35 + 0.35 * r.nextDouble())), 0, 100);

        boolean multi = Integer.bitCount(planMask) >= 2;
        double lp = Math.log(PLANTED_HR) * (multi ? 1 : 0) + Math.log(1.25) * prior
                + (chronicity == Chronicity.CHRONIC ? Math.log(1.4) : 0)
                + (b.startBack() == StartBackRisk.HIGH ? Math.log(1.3) : 0)
                + 0.03 * (b.fabqPa() - 12) + 0.005 * (age - 47);
        double e = -Math.log(1 - r.nextDouble());
        int onset = (int) Math.ceil(RecurrenceOnset.days(e, lp));
        boolean careSought = r.nextDouble() < 0.35;

        List<FollowUp> followUps = new ArrayList<>();
        Recurrence recurrence = null;
        int lastCompleted = 0;
        LocalDate today = spec.today();
        // Care sought for a recurrence: the patient comes back before the next check-in (new episode of care).
        if (careSought && onset <= 365 && !discharge.plusDays(onset).isAfter(today.minusDays(3)) && r.nextDouble() < 0.6) {
            recurrence = new Recurrence(discharge.plusDays(onset), 3 + r.nextInt(6), true, r.nextDouble() < 0.8, true, "NEW_EPISODE");
        }
        for (int months : FOLLOW_UP_MONTHS) {
            LocalDate due = discharge.plusMonths(months);
            int dueDay = (int) ChronoUnit.DAYS.between(discharge, due);
            // Not yet due, or due in the last three weeks and not called yet: the worklist of a live clinic.
            if (due.isAfter(today) || (due.isAfter(today.minusDays(21)) && r.nextDouble() < 0.7)) {
                followUps.add(new FollowUp(months, due, FollowUpStatus.PENDING, null, null, null));
                continue;
            }
            if (r.nextDouble() >= FOLLOW_UP_COMPLETED) {
                followUps.add(new FollowUp(months, due, FollowUpStatus.MISSED, due.plusDays(7), null, null));
                continue;
            }
            LocalDate completedOn = due.plusDays(r.nextInt(4));
            boolean returned = onset <= dueDay;
            followUps.add(new FollowUp(months, due, FollowUpStatus.COMPLETED, completedOn, !returned,
                    returned ? 2 + r.nextInt(5) : r.nextInt(2)));
            if (returned && recurrence == null) {
                recurrence = new Recurrence(discharge.plusDays(onset), 2 + r.nextInt(7), true, r.nextDouble() < 0.6,
                        careSought, "FOLLOW_UP");
            }
            if (recurrence == null) {
                lastCompleted = dueDay;
            }
        }
        int timeDays = recurrence != null ? (int) ChronoUnit.DAYS.between(discharge, recurrence.onset()) : lastCompleted;
        return new Episode(therapist, location, start, discharge, reason, chronicity, prior, age, b, dischargeNprs,
                dischargeOdi, visits, List.copyOf(followUps), recurrence, timeDays);
    }

    private static Baseline baseline(SplittableRandom r, double severity) {
        int nprs = (int) Math.clamp(Math.round(5.6 + 1.4 * severity + gaussian(r)), 1, 10);
        int odi = (int) Math.clamp(2 * Math.round((32 + 10 * severity + 7 * gaussian(r)) / 2), 0, 100);
        int fabqPa = (int) Math.clamp(Math.round(13 + 4 * severity + 3 * gaussian(r)), 0, 24);
        int fabqW = (int) Math.clamp(Math.round(18 + 7 * severity + 6 * gaussian(r)), 0, 42);
        int tsk = (int) Math.clamp(Math.round(25 + 4 * severity + 3 * gaussian(r)), 11, 44);
        int total = (int) Math.clamp(Math.round(3.6 + 1.8 * severity + gaussian(r)), 0, 9);
        int distress = (int) Math.clamp(Math.round(total * 0.55 + 0.8 * gaussian(r)), 0, Math.min(5, total));
        // Hill et al. 2008: low = total <= 3; high = distress subscale >= 4; otherwise medium.
        StartBackRisk risk = total <= 3 ? StartBackRisk.LOW : distress >= 4 ? StartBackRisk.HIGH : StartBackRisk.MEDIUM;
        return new Baseline(nprs, odi, fabqPa, fabqW, tsk, total, distress, risk);
    }

    private static int chooseFactors(SplittableRandom r, int breadth, Baseline b, Chronicity chronicity) {
        double[] weight = {0.26, 0.24, 0.22, 0.14, 0.14};
        if (b.fabqPa() > 14 || b.startBack() == StartBackRisk.HIGH) {
            weight[4] *= 1.8;
        }
        if (chronicity == Chronicity.CHRONIC) {
            weight[3] *= 1.6;
        }
        int mask = 0;
        for (int k = 0; k < breadth; k++) {
            double total = 0;
            for (int f = 0; f < 5; f++) {
                if ((mask & (1 << f)) == 0) total += weight[f];
            }
            double u = r.nextDouble() * total;
            for (int f = 0; f < 5; f++) {
                if ((mask & (1 << f)) != 0) continue;
                u -= weight[f];
                if (u <= 0) {
                    mask |= 1 << f;
                    break;
                }
            }
        }
        return mask;
    }

    private static List<Visit> visits(SplittableRandom r, LocalDate start, int count, int planMask, int baselineNprs, LocalDate lastAllowed) {
        int[] masks = new int[count];
        for (int f = 0; f < 5; f++) {
            if ((planMask & (1 << f)) == 0) continue;
            masks[r.nextInt(count)] |= 1 << f;            // every planned factor at one visit at least
            for (int v = 0; v < count; v++) {
                if (r.nextDouble() < 0.55) masks[v] |= 1 << f;
            }
        }
        List<Visit> visits = new ArrayList<>(count);
        LocalDate date = start;
        for (int v = 0; v < count; v++) {
            if (v > 0) {
                date = date.plusDays(5 + r.nextInt(6));
            }
            if (date.isAfter(lastAllowed)) break;
            double progress = count == 1 ? 0 : (double) v / (count - 1);
            int nprs = (int) Math.clamp(Math.round(baselineNprs * (1 - 0.55 * progress) + gaussian(r) * 0.8), 0, 10);
            int minutes = new int[] {30, 45, 45, 60}[r.nextInt(4)];
            visits.add(new Visit(date, minutes, nprs, masks[v], pick(r, NOTES)));
        }
        return List.copyOf(visits);
    }

    private static Chronicity chronicity(SplittableRandom r) {
        double u = r.nextDouble();
        return u < 0.35 ? Chronicity.ACUTE : u < 0.60 ? Chronicity.SUBACUTE : Chronicity.CHRONIC;
    }

    private static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller from the seeded stream (SplittableRandom has no nextGaussian in Java 21).
        double u1 = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
