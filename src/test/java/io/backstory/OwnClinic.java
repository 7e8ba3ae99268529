package io.backstory;

import io.backstory.security.Role;
import io.backstory.security.TestAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A clinic of its own for every test, so lockouts, throttle counts, audit rows and imported records never meet
 * another test's: the setup the security, administration and import tests each wrote in their own
 * {@code @BeforeEach} (create the clinic, its first accounts, sign one in) and {@code @AfterEach} (sign out).
 * Register it on an instance field, for example
 * {@code @RegisterExtension final OwnClinic clinic = OwnClinic.named("Audit").with("Aud Admin", Role.ADMIN);}:
 * as a {@link SignedIn} it runs after the Spring extension and before the class's own {@code @BeforeEach}, signs
 * others in with {@link #signInAs} and signs everyone out after each test. Every
 * account signs in with {@link TestAccounts#PASSWORD}; a username is the display name's initials, a dash and a
 * suffix fresh for each test.
 */
public final class OwnClinic extends SignedIn {

    private final String name;
    private final List<String> locations;
    private final List<TestAccounts.Person> people;
    private final Role signedInAs;
    private TestAccounts.NewClinic clinic;

    private OwnClinic(String name, List<String> locations, List<TestAccounts.Person> people, Role signedInAs) {
        super(null);
        this.name = name;
        this.locations = locations;
        this.people = people;
        this.signedInAs = signedInAs;
    }

    /** A clinic of this name with one location, "Main", and nobody signed in until the test signs someone in. */
    public static OwnClinic named(String name) {
        return new OwnClinic(name, List.of("Main"), List.of(), null);
    }

    /** These locations, in this order, instead of "Main". */
    public OwnClinic locations(String... names) {
        return new OwnClinic(name, List.of(names), people, signedInAs);
    }

    /** One more first account: this person with these roles. */
    public OwnClinic with(String displayName, Role... roles) {
        List<TestAccounts.Person> more = new ArrayList<>(people);
        more.add(new TestAccounts.Person(displayName, Set.of(roles)));
        return new OwnClinic(name, locations, List.copyOf(more), signedInAs);
    }

    /** The first account with this role is signed in before each test (and its {@code @BeforeEach}). */
    public OwnClinic signedInAs(Role role) {
        return new OwnClinic(name, locations, people, role);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        super.beforeEach(context);
        clinic = bean(TestAccounts.class).newClinic(name, locations, people);
        if (signedInAs != null) {
            signInAs(first(signedInAs));
        }
    }

    /** This test's clinic. */
    public long id() {
        return clinic.id();
    }

    /** The username of the first account with the admin role. */
    public String admin() {
        return first(Role.ADMIN);
    }

    /** The username of the first account with the therapist role. */
    public String therapist() {
        return first(Role.THERAPIST);
    }

    private String first(Role role) {
        for (int i = 0; i < people.size(); i++) {
            if (people.get(i).roles().contains(role)) {
                return clinic.usernames().get(i);
            }
        }
        throw new IllegalStateException("No account with role " + role + " in " + people);
    }
}
