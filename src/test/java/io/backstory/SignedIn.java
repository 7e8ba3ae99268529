package io.backstory;

import io.backstory.security.Role;
import io.backstory.security.TestAccounts;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The sign-in and sign-out that most service and view tests repeated in their own {@code @BeforeEach} and
 * {@code @AfterEach}. Register it on an instance field ({@code @RegisterExtension final SignedIn signedIn =
 * SignedIn.as("therapist");}): such an extension is registered after the class's Spring extension, so it signs in
 * after {@link SecurityStrategyListener} has pointed the holder at this context's strategy and before the class's
 * own {@code @BeforeEach} methods, and it signs out after its {@code @AfterEach} methods. A test that signs in as
 * others on the way calls {@link #signInAs} or {@link #signInAsNew}, so it needs no {@link TestSecurity} of its own.
 */
public class SignedIn implements BeforeEachCallback, AfterEachCallback {

    private final String username;
    /** The running test's Spring context, from its {@code beforeEach}. */
    private ApplicationContext beans;

    /** For fixtures that sign in and set up more ({@link OwnClinic}, {@link NewEpisode}); null: nobody at first. */
    protected SignedIn(String username) {
        this.username = username;
    }

    /** Signed in as this account before each test, signed out after it. */
    public static SignedIn as(String username) {
        return new SignedIn(username);
    }

    /** Nobody signed in before each test (the test signs in itself), everybody signed out after it. */
    public static SignedIn outAfterEach() {
        return new SignedIn(null);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        beans = SpringExtension.getApplicationContext(context);
        if (username != null) {
            signInAs(username);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        signOut();
    }

    /** Signs this account in for the rest of the test, in place of whoever was signed in. */
    public void signInAs(String account) {
        bean(TestSecurity.class).signInAs(account);
    }

    /** A new account with this role in a clinic of its own ({@link TestAccounts#newAccount}), signed in; its username. */
    public String signInAsNew(Role role) {
        String account = bean(TestAccounts.class).newAccount(role);
        signInAs(account);
        return account;
    }

    /** Nobody signed in for the rest of the test. */
    public void signOut() {
        bean(TestSecurity.class).signOut();
    }

    /** A bean of the running test's context, once {@link #beforeEach} has run. */
    protected <T> T bean(Class<T> type) {
        return beans.getBean(type);
    }
}
