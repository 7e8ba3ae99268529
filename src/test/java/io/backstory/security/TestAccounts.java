package io.backstory.security;

import io.backstory.clinic.ClinicService;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The security tests' shared setup: a clinic of its own per test, so lockouts, throttle counts and
 * audit rows never leak between tests, with accounts that sign in with {@link #PASSWORD}.
 */
@Component
public class TestAccounts {

    public static final String PASSWORD = "correct horse battery";

    private final ClinicService clinics;
    private final UserAccountService users;

    TestAccounts(ClinicService clinics, UserAccountService users) {
        this.clinics = clinics;
        this.users = users;
    }

    /** Someone to create: the display name's initials start the username. */
    public record Person(String displayName, Role role) {
    }

    /** A new clinic with one location and these people as its first accounts; their usernames, in order. */
    public List<String> newClinic(String clinicName, Person... people) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        long clinicId = clinics.createClinic(clinicName + " " + suffix, List.of("Main")).id();
        List<UserAccountService.NewUser> accounts = Arrays.stream(people)
                .map(p -> new UserAccountService.NewUser(initials(p.displayName()) + "-" + suffix, p.displayName(), PASSWORD, Set.of(p.role())))
                .toList();
        users.createFirstUsers(clinicId, accounts);
        return accounts.stream().map(UserAccountService.NewUser::username).toList();
    }

    /** The usernames of an admin and a therapist who share a clinic of their own. */
    public record AdminAndTherapist(String admin, String therapist) {
    }

    /** The setup most security tests share: a new clinic whose first accounts are one admin and one therapist. */
    public AdminAndTherapist adminAndTherapist(String clinicName, String adminName, String therapistName) {
        List<String> people = newClinic(clinicName, new Person(adminName, Role.ADMIN), new Person(therapistName, Role.THERAPIST));
        return new AdminAndTherapist(people.get(0), people.get(1));
    }

    /** One account with this role in a clinic of its own. */
    public String newAccount(Role role) {
        return newClinic("Clinic", new Person("Test " + role.name().toLowerCase(Locale.ROOT), role)).getFirst();
    }

    private static String initials(String displayName) {
        StringBuilder b = new StringBuilder();
        for (String word : displayName.split(" ")) {
            b.append(Character.toLowerCase(word.charAt(0)));
        }
        return b.toString();
    }
}
