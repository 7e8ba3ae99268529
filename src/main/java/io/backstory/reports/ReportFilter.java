package io.backstory.reports;

import io.backstory.base.UserFacingException;
import io.backstory.analytics.Chronicity;
import io.backstory.analytics.StartBackRisk;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * What the owner narrows the report to. A null field means "all". {@code horizonDays} null means
 * the clinic's horizon setting. The period is the discharge date, inclusive at both ends.
 */
public record ReportFilter(@Nullable LocalDate dischargedFrom, @Nullable LocalDate dischargedTo,
                           @Nullable Long locationId, @Nullable Long therapistId,
                           @Nullable Chronicity chronicity, @Nullable StartBackRisk startBack,
                           @Nullable Integer horizonDays) {

    /** The dates a filter accepts: anything outside is a typing slip, and the database cannot compare it. */
    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    public ReportFilter {
        checkDate("Period start", dischargedFrom);
        checkDate("Period end", dischargedTo);
        if (dischargedFrom != null && dischargedTo != null && dischargedTo.isBefore(dischargedFrom)) {
            throw new UserFacingException("error.report.period");
        }
        if (horizonDays != null && (horizonDays < 30 || horizonDays > 1825)) {
            throw new UserFacingException("error.settings.horizon");
        }
    }

    /** Refuses a date outside {@link #EARLIEST}..{@link #LATEST}, naming the field. */
    public static void checkDate(String field, @Nullable LocalDate date) {
        if (date != null && (date.isBefore(EARLIEST) || date.isAfter(LATEST))) {
            throw new IllegalArgumentException(field + ": must be a date between " + EARLIEST + " and " + LATEST + ", was " + date);
        }
    }

    public static ReportFilter all() {
        return new ReportFilter(null, null, null, null, null, null, null);
    }

    public ReportFilter withPeriod(@Nullable LocalDate from, @Nullable LocalDate to) {
        return new ReportFilter(from, to, locationId, therapistId, chronicity, startBack, horizonDays);
    }

    public ReportFilter withLocation(@Nullable Long id) {
        return new ReportFilter(dischargedFrom, dischargedTo, id, therapistId, chronicity, startBack, horizonDays);
    }

    public ReportFilter withTherapist(@Nullable Long id) {
        return new ReportFilter(dischargedFrom, dischargedTo, locationId, id, chronicity, startBack, horizonDays);
    }

    public ReportFilter withChronicity(@Nullable Chronicity c) {
        return new ReportFilter(dischargedFrom, dischargedTo, locationId, therapistId, c, startBack, horizonDays);
    }

    public ReportFilter withStartBack(@Nullable StartBackRisk risk) {
        return new ReportFilter(dischargedFrom, dischargedTo, locationId, therapistId, chronicity, risk, horizonDays);
    }

    public ReportFilter withHorizonDays(@Nullable Integer days) {
        return new ReportFilter(dischargedFrom, dischargedTo, locationId, therapistId, chronicity, startBack, days);
    }
}
