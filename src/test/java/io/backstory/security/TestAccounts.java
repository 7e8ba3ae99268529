package io.backstory.security;

import io.backstory.clinic.ClinicService;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * The security tests' shared setup: a clinic of its own per test, so lockouts, throttle counts and
 * audit rows never leak between tests, with accounts that sign in with {@link #PASSWORD}.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class TestAccounts {

    public static final String PASSWORD = "correct horse battery";

    private final ClinicService clinics;
    private final UserAccountService users;

    /** Someone to create: the display name's initials start the username. */
    public record Person(String displayName, Set<Role> roles) {
    }

    /** A clinic just made and its first accounts' usernames, in the order they were asked for. */
    public record NewClinic(long id, List<String> usernames) {
    }

    /** A new clinic with these locations and these people as its first accounts. */
    public NewClinic newClinic(String clinicName, List<String> locations, List<Person> people) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long clinicId = clinics.createClinic(clinicName, locations).id();
        List<UserAccountService.NewUser> accounts = people.stream()
                .map(p -> new UserAccountService.NewUser(initials(p.displayName()) + "-" + suffix, p.displayName(), PASSWORD, p.roles()))
                .toList();
        users.createFirstUsers(clinicId, accounts);
        return new NewClinic(clinicId, accounts.stream().map(UserAccountService.NewUser::username).toList());
    }

    /** One account with this role in a clinic of its own. */
    public String newAccount(Role role) {
        return newClinic("Clinic", List.of("Main"), List.of(new Person("Test " + role.name().toLowerCase(Locale.ROOT), Set.of(role))))
                .usernames().getFirst();
    }

    private static String initials(String displayName) {
        StringBuilder b = new StringBuilder();
        for (String word : displayName.split(" ")) {
            b.append(Character.toLowerCase(word.charAt(0)));
        }
        return b.toString();
    }
}
