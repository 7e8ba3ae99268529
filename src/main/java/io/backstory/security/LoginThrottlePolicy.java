package io.backstory.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a sign-in may be tried (ASVS 2.2.1), from the failures in two sliding windows. Pure: the
 * failure times come in, a wait comes out.
 * <ul>
 * <li>Per client address: after {@code clientMaxFailures} failures within {@code clientWindow}, across
 * any usernames, the client is refused until the oldest of them leaves the window (stops spraying one
 * password over many accounts, through the form or the API).</li>
 * <li>Per account: the first {@code freeFailures} failures within {@code accountWindow} cost nothing (typos);
 * after that each further try must wait a delay that doubles from {@code baseDelay} up to {@code maxDelay}
 * after the last failure (progressive delay, no lock).</li>
 * <li>Only when failures reach {@code lockAfter} within the window, which takes several throttled tries and so
 * minutes, is the account locked for {@code lockout}; an admin can unlock it at once. So a stranger cannot
 * keep an account locked with a handful of requests, and a password guesser gets a few dozen guesses a
 * day at most.</li>
 * </ul>
 */
record LoginThrottlePolicy(int clientMaxFailures, Duration clientWindow, int freeFailures, Duration accountWindow,
                           Duration baseDelay, Duration maxDelay, int lockAfter, Duration lockout) {

    LoginThrottlePolicy {
        if (clientMaxFailures < 1 || freeFailures < 1 || lockAfter <= freeFailures) {
            throw new IllegalArgumentException("Login throttle: client limit and free failures at least 1, lock after more than the free failures");
        }
    }

    /** The window the store must keep failures for. */
    Duration longestWindow() {
        return clientWindow.compareTo(accountWindow) > 0 ? clientWindow : accountWindow;
    }

    /**
     * How long this client must wait before its next try, if at all; {@code clientFailures} are its
     * failures in the client window, oldest first.
     */
    Optional<Duration> clientWait(List<Instant> clientFailures, Instant now) {
        List<Instant> recent = within(clientFailures, now, clientWindow);
        if (recent.size() < clientMaxFailures) {
            return Optional.empty();
        }
        // The try is allowed again once enough of the oldest failures have left the window.
        Instant leaves = recent.get(recent.size() - clientMaxFailures).plus(clientWindow);
        return positive(Duration.between(now, leaves));
    }

    /** How long until this account may be tried again; {@code accountFailures} oldest first. */
    Optional<Duration> accountWait(List<Instant> accountFailures, Instant now) {
        List<Instant> recent = within(accountFailures, now, accountWindow);
        if (recent.size() < freeFailures) {
            return Optional.empty();
        }
        Instant last = recent.getLast();
        return positive(Duration.between(now, last.plus(delayAfter(recent.size()))));
    }

    /** The wait after the {@code failures}-th failure in the window (0 while they are free). */
    Duration delayAfter(int failures) {
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - freeFailures, 30);
        Duration delay = baseDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** True when this many failures in the account window lock the account. */
    boolean locks(int accountFailuresInWindow) {
        return accountFailuresInWindow >= lockAfter;
    }

    private static List<Instant> within(List<Instant> failures, Instant now, Duration window) {
        Instant from = now.minus(window);
        return failures.stream().filter(t -> t.isAfter(from)).sorted().toList();
    }

    private static Optional<Duration> positive(Duration d) {
        // Whole seconds, rounded up, so a client told "Retry-After: 3" is not refused again at 2.4 s.
        if (d.isNegative() || d.isZero()) {
            return Optional.empty();
        }
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Optional.of(Duration.ofSeconds(seconds));
    }
}
