package io.backstory.demo;

import io.backstory.analytics.Chronicity;
import io.backstory.analytics.Sex;
import io.backstory.analytics.StartBackRisk;
import io.backstory.followups.FollowUpStatus;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The generator's output: plain, immutable records the seeder writes to the database. */
final class SyntheticRecords {

    private SyntheticRecords() {
    }

    record Patient(int index, String firstName, String lastName, LocalDate dateOfBirth, Sex sex, String phone,
                   String email, boolean consentToFollowUp, List<Episode> episodes) {
    }

    record Baseline(int nprs, int odi, int fabqPa, int fabqW, int tsk11, int startBackTotal, int startBackDistress,
                    StartBackRisk startBack) {
    }

    /** One factor bit per {@code Factor} ordinal: MOVEMENT, MOBILITY, STRENGTH, RECOVERY, BELIEFS. */
    record Visit(LocalDate date, int minutes, int nprs, int factorMask, @Nullable String note) {
    }

    record FollowUp(int monthsAfter, LocalDate due, FollowUpStatus status, @Nullable LocalDate completedOn,
                    @Nullable Boolean painFree, @Nullable Integer currentNprs) {
    }

    record Recurrence(LocalDate onset, int intensity, boolean lastedDay, boolean limitedActivity, boolean careSought,
                      String source) {
    }

    record Episode(int therapistIndex, int locationIndex, LocalDate start, @Nullable LocalDate discharge,
                   @Nullable String dischargeReason, Chronicity chronicity, int priorEpisodes, int ageAtStart,
                   Baseline baseline, @Nullable Integer dischargeNprs, @Nullable Integer dischargeOdi,
                   List<Visit> visits, List<FollowUp> followUps, @Nullable Recurrence recurrence,
                   /** days from discharge to recurrence or last completed check-in; -1 while open */
                   int timeDays) {

        int factorMask() {
            int mask = 0;
            for (Visit v : visits) {
                mask |= v.factorMask();
            }
            return mask;
        }
    }
}
