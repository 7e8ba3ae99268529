package io.backstory.followups;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Slows down guessing of check-in links: a client address that used {@value #MAX_BAD} wrong or expired tokens within
 * {@link #WINDOW} is refused every check-in request until the window passes. Per node and in memory: with 256-bit
 * tokens guessing cannot succeed anyway; this keeps a scanner from loading the database.
 */
@Component
class CheckInThrottle {

    static final int MAX_BAD = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_CLIENTS = 50_000;

    private final Map<String, Deque<Instant>> bad = new ConcurrentHashMap<>();
    private final Clock clock;

    CheckInThrottle(Clock clock) {
        this.clock = clock;
    }

    boolean blocked(String client) {
        Deque<Instant> times = bad.get(client);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            prune(times);
            return times.size() >= MAX_BAD;
        }
    }

    void recordBad(String client) {
        if (bad.size() > MAX_CLIENTS) {
            bad.clear();
        }
        Deque<Instant> times = bad.computeIfAbsent(client, c -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.instant());
        }
    }

    private void prune(Deque<Instant> times) {
        Instant since = clock.instant().minus(WINDOW);
        while (!times.isEmpty() && times.peekFirst().isBefore(since)) {
            times.removeFirst();
        }
    }
}
