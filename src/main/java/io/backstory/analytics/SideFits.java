package io.backstory.analytics;

import java.util.function.Supplier;

/**
 * The fits of one analysis that run on a second platform thread while the Cox chain runs on the caller's
 * (RecurrenceAnalysis). Each fit's row passes already split over two threads ({@link Halves}); what this adds is
 * the other core during their serial parts. Results do not depend on timing: every fit is deterministic and writes
 * only its own objects. A failure other than the data-related ones the fits report themselves is rethrown by
 * {@link #join()} in the caller's thread.
 */
final class SideFits {

    /** What the side thread fits: loss to follow-up, truncated IPTW, the logistic model, the per-factor Cox model. */
    record Results(LossToFollowUpResult loss, PropensityWeightingResult iptw, LogisticResult logistic,
                   CoxResult factors) {
    }

    private final Thread thread;
    private Results results;
    private Throwable failure;

    private SideFits(Supplier<Results> work) {
        this.thread = Thread.ofPlatform().daemon().name("analysis-side-fits").unstarted(() -> {
            try {
                results = work.get();
            } catch (Throwable t) {
                failure = t;
            }
        });
    }

    static SideFits start(Supplier<Results> work) {
        SideFits side = new SideFits(work);
        side.thread.start();
        return side;
    }

    /** Waits for the side fits (join also makes their writes visible here). */
    Results join() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fitting", e);
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error er) {
            throw er;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return results;
    }
}
