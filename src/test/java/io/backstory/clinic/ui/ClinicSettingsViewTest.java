package io.backstory.clinic.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import io.backstory.BackstoryTest;
import io.backstory.TestSecurity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@BackstoryTest
class ClinicSettingsViewTest extends SpringBrowserlessTest {

    @Autowired TestSecurity security;

    @BeforeEach
    void signIn() {
        security.signInAs("owner");
    }

    @AfterEach
    void signOut() {
        security.signOut();
    }

    @Test
    void shouldNameEveryOutOfRangeSettingAndKeepTheInput() {
        ClinicSettingsView view = target(navigate(ClinicSettingsView.class));
        // typed past the fields' own limits (the browser lets a person type any number)
        view.painFreeDays.setValue(0);
        view.horizonDays.setValue(10);
        test(view.save).click();

        assertThat(view.errors.isVisible()).isTrue();
        assertThat(view.errors.getElement().getTextRecursively())
                .contains("Pain-free days: between 1 and 365").contains("Horizon: between 30 and 1825 days");
        assertThat(view.horizonDays.getValue()).isEqualTo(10);
    }

    @Test
    void shouldExplainTheScheduleRuleForWordsInTheMonths() {
        ClinicSettingsView view = target(navigate(ClinicSettingsView.class));
        test(view.followUpMonths).setValue("1, three, 6");
        test(view.save).click();

        assertThat(view.errors.getElement().getTextRecursively()).contains("Follow-up schedule: whole numbers of months separated by commas");
        assertThat(view.followUpMonths.getValue()).isEqualTo("1, three, 6");
    }

    /** Views are Spring beans (proxied when they carry security annotations): reach the view itself. */
    private static <T> T target(T view) {
        return org.springframework.test.util.AopTestUtils.getUltimateTargetObject(view);
    }
}
