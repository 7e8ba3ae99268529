package io.backstory.followups;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** One line of the follow-ups worklist; {@code noReplyToEmail}: the emailed link and both reminders went unanswered. */
public record FollowUpDue(long id, long version, long episodeId, long patientId, String patientName,
                          @Nullable String phone, int monthsAfter, LocalDate dueDate, LocalDate dischargeDate,
                          long daysOverdue, boolean noReplyToEmail) {

    public boolean overdue() {
        return daysOverdue > 0;
    }
}
