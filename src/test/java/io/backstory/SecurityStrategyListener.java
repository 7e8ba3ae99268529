package io.backstory;

import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Every Spring context the suite starts (the cached test contexts with different properties, and the extra app
 * contexts of the two-node and restart tests) installs its own Vaadin-aware security-context strategy, each with
 * its own thread-local, into the JVM-wide {@link SecurityContextHolder}. A test running on an earlier cached context
 * then signs in through one strategy while that context's filters and services read another, and sees
 * "Sign in to use Backstory" or a 403. Before every test this points the holder back at the test's own context's
 * strategy. Registered in META-INF/spring.factories.
 */
public class SecurityStrategyListener extends AbstractTestExecutionListener {

    @Override
    public int getOrder() {
        return 1_000; // after the context is loaded and the test instance prepared, before @BeforeEach
    }

    @Override
    public void prepareTestInstance(TestContext testContext) {
        useStrategyOf(testContext);
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        useStrategyOf(testContext);
    }

    private static void useStrategyOf(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        SecurityContextHolderStrategy strategy = context.getBeanProvider(SecurityContextHolderStrategy.class).getIfUnique();
        if (strategy != null && SecurityContextHolder.getContextHolderStrategy() != strategy) {
            SecurityContextHolder.setContextHolderStrategy(strategy);
        }
    }
}
