package io.backstory;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The sign-in and sign-out that most service and view tests repeated in their own {@code @BeforeEach} and
 * {@code @AfterEach}. Register it on an instance field ({@code @RegisterExtension final SignedIn signedIn =
 * SignedIn.as("therapist");}): such an extension is registered after the class's Spring extension, so it signs in
 * after {@link SecurityStrategyListener} has pointed the holder at this context's strategy and before the class's
 * own {@code @BeforeEach} methods, and it signs out after its {@code @AfterEach} methods.
 */
public final class SignedIn implements BeforeEachCallback, AfterEachCallback {

    private final String username;

    private SignedIn(String username) {
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
        if (username != null) {
            security(context).signInAs(username);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        security(context).signOut();
    }

    private static TestSecurity security(ExtensionContext context) {
        return SpringExtension.getApplicationContext(context).getBean(TestSecurity.class);
    }
}
