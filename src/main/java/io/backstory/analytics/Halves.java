package io.backstory.analytics;

/**
 * Splits row-wise work into two fixed blocks, the lower one on a second platform thread. The split
 * point is chosen by the caller from n alone, so every run adds the same partial sums in the same
 * order: results are deterministic, whatever the thread timing.
 */
final class Halves {

    /** Below this many rows the thread start-up costs more than it saves. */
    static final int PARALLEL_MIN_ROWS = 50_000;

    @FunctionalInterface
    interface Block {
        void run(int slot, int from, int to);
    }

    private Halves() {
    }

    /** Depends on n only (not on the core count), so every machine adds the same partial sums. */
    static int midpoint(int n) {
        return n >= PARALLEL_MIN_ROWS ? n / 2 : n;
    }

    /** Runs slot 0 on rows [0, mid) and slot 1 on rows [mid, n); both always run, possibly empty. */
    static void run(int n, int mid, Block block) {
        if (mid <= 0 || mid >= n || Runtime.getRuntime().availableProcessors() < 2) {
            int m = Math.max(0, Math.min(mid, n));
            block.run(0, 0, m);
            block.run(1, m, n);
            return;
        }
        Throwable[] failure = new Throwable[1];
        Thread lower = Thread.ofPlatform().daemon().start(() -> {
            try {
                block.run(0, 0, mid);
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        block.run(1, mid, n);
        try {
            lower.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fitting", e);
        }
        if (failure[0] instanceof RuntimeException re) {
            throw re;
        }
        if (failure[0] instanceof Error er) {
            throw er;
        }
    }
}
