package io.backstory.base.ui;

import com.vaadin.flow.component.datepicker.DatePicker;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** One date format across the app: "3 Mar 2026" reads the same to everyone and cannot be misread as US or EU. */
public final class Formats {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private Formats() {
    }

    public static String date(@Nullable LocalDate date) {
        return date == null ? "—" : DATE.format(date);
    }

    public static String shortDate(LocalDate date) {
        return SHORT.format(date);
    }

    /** Date pickers read and show ISO dates (2026-03-03): unambiguous to type whatever the browser's locale. */
    public static DatePicker iso(DatePicker picker) {
        DatePicker.DatePickerI18n i18n = new DatePicker.DatePickerI18n();
        i18n.setDateFormat("yyyy-MM-dd");
        picker.setI18n(i18n);
        picker.setPlaceholder("YYYY-MM-DD");
        return picker;
    }

    public static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ENGLISH, "%.1f", value);
    }
}
