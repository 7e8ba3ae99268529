package io.backstory.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.datepicker.DatePicker;
import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.time.temporal.WeekFields;
import java.util.Arrays;
import java.util.List;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One date format across the app: "3 Mar 2026" reads the same to everyone and cannot be misread as US or EU. Month
 * names and decimal marks follow the user's language (the UI locale: "3 mar 2026", "1,5" in Spanish).
 */
public final class Formats {

    private Formats() {
    }

    /** The signed-in user's language (the UI's locale), English outside a UI (background jobs, tests). */
    public static Locale locale() {
        UI ui = UI.getCurrent();
        return ui == null ? Locale.ENGLISH : ui.getLocale();
    }

    public static String date(@Nullable LocalDate date) {
        return date == null ? "—" : DateTimeFormatter.ofPattern("d MMM yyyy", locale()).format(date);
    }

    public static String shortDate(LocalDate date) {
        return DateTimeFormatter.ofPattern("d MMM", locale()).format(date);
    }

    /** Date pickers read and show ISO dates (2026-03-03): unambiguous to type whatever the browser's locale. */
    public static DatePicker iso(DatePicker picker) {
        DatePicker.DatePickerI18n i18n = new DatePicker.DatePickerI18n();
        i18n.setDateFormat("yyyy-MM-dd");
        Locale locale = locale();
        i18n.setMonthNames(Arrays.stream(Month.values()).map(m -> m.getDisplayName(TextStyle.FULL_STANDALONE, locale)).toList());
        // Sunday first, as the component expects; the first day of the week follows the language.
        List<DayOfWeek> week = List.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY);
        i18n.setWeekdays(week.stream().map(d -> d.getDisplayName(TextStyle.FULL_STANDALONE, locale)).toList());
        i18n.setWeekdaysShort(week.stream().map(d -> d.getDisplayName(TextStyle.SHORT_STANDALONE, locale)).toList());
        i18n.setFirstDayOfWeek(WeekFields.of(locale).getFirstDayOfWeek().getValue() % 7);
        UI ui = UI.getCurrent();
        if (ui != null) {
            i18n.setToday(ui.getTranslation("datePicker.today"));
            i18n.setCancel(ui.getTranslation("datePicker.cancel"));
        }
        picker.setI18n(i18n);
        picker.setPlaceholder("YYYY-MM-DD");
        return picker;
    }

    public static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(locale(), "%.1f", value);
    }
}
