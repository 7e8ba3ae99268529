package io.backstory.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import io.backstory.BackstoryTest;
import io.backstory.TestSecurity;
import io.backstory.security.Role;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@BackstoryTest
class PeopleViewTest extends SpringBrowserlessTest {

    @Autowired TestSecurity security;

    @BeforeEach
    void signIn() {
        security.signInAs("admin");
    }

    @AfterEach
    void signOut() {
        security.signOut();
    }

    @Test
    void shouldListTheDemoClinicsPeopleWithTheirRoles() {
        PeopleView view = target(navigate(PeopleView.class));
        assertThat(test(view.grid).size()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void shouldKeepWhatWasTypedAndNameEachBadField() {
        PeopleView view = target(navigate(PeopleView.class));
        test(view.add).click();
        roundTrip();
        test(view.form.username).setValue("Not Valid");
        test(view.form.email).setValue("nobody@");
        test(view.form.save).click();

        assertThat(view.dialog.isOpened()).isTrue();
        assertThat(view.form.username.getValue()).isEqualTo("Not Valid");
        assertThat(view.form.errors.isVisible()).isTrue();
        assertThat(view.form.errors.getElement().getTextRecursively())
                .contains("Username: 3 to 60 lower-case letters").contains("Display name: required").contains("Email:");
    }

    /** Pasted names and addresses over their column's cap are not cut by the browser: refused with their length, kept. */
    @Test
    void shouldRefuseOverLongFieldsWithTheirLengthAndKeepThem() {
        PeopleView view = target(navigate(PeopleView.class));
        test(view.add).click();
        roundTrip();
        String name = "Maria Fernanda de los Angeles Gutierrez ".repeat(4) + "Lopez";
        String email = "m".repeat(250) + "@example.org";
        test(view.form.username).setValue("long-names");
        test(view.form.displayName).setValue(name);
        test(view.form.email).setValue(email);
        test(view.form.save).click();

        assertThat(view.form.displayName.getMaxLength()).isZero();
        assertThat(view.form.email.getMaxLength()).isZero();
        assertThat(view.form.username.getMaxLength()).isZero();
        assertThat(view.dialog.isOpened()).isTrue();
        assertThat(view.form.errors.getElement().getTextRecursively())
                .contains("Display name: at most 120 characters (165 entered)")
                .contains("Email: at most 254 characters (262 entered)");
        assertThat(view.form.displayName.getValue()).isEqualTo(name);
        assertThat(view.form.email.getValue()).isEqualTo(email);
    }

    @Test
    void shouldHandTheAdminAOneTimeLinkForANewColleague() {
        PeopleView view = target(navigate(PeopleView.class));
        test(view.add).click();
        roundTrip();
        String username = "view-" + UUID.randomUUID().toString().substring(0, 6);
        test(view.form.username).setValue(username);
        test(view.form.displayName).setValue("Vera View");
        assertThat(view.form.chosenRoles()).isEqualTo(Set.of(Role.THERAPIST));
        // an admin, so the shared demo clinic's therapist lists and reports stay as the other tests expect
        view.form.roles.setValue(Set.of(Role.ADMIN));
        test(view.form.save).click();

        assertThat(view.dialog.isOpened()).isFalse();
        assertThat(view.linkDialog.isOpened()).isTrue();
        assertThat(view.lastLink).contains("/welcome/");
        assertThat(test(view.grid).size()).isGreaterThanOrEqualTo(9);
    }

    /** Views are Spring beans (proxied when they carry security annotations): reach the view itself. */
    private static <T> T target(T view) {
        return org.springframework.test.util.AopTestUtils.getUltimateTargetObject(view);
    }
}
