package io.backstory.analytics;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Keeps the fits that run at the same time ({@link SideFits}) within a share of the heap. Each large fit states
 * roughly what it allocates (its working design, linear predictors, event-time groups, split intervals) and waits
 * until that much of the budget is free; a fit larger than the whole budget runs alone. At a million episodes in a
 * 1 GiB heap the largest fits (IPCW, the logistic model) therefore run one at a time, as before, while smaller ones
 * and the light steps (loss to follow-up, Kaplan-Meier) overlap; with a larger heap or a smaller clinic everything
 * may overlap. Without it two ~300 MB fits met and G1 ran back-to-back full collections near the 1 GiB cap.
 * Waiting never changes a result, only when a fit starts.
 */
final class FitMemory {

    /** Share of the maximum heap that concurrent fits may claim; the rest holds the episodes and the columns. */
    static final double SHARE = 0.40;

    private final Semaphore mebibytes;
    private final int total;

    private FitMemory(long budget) {
        this.total = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budget >> 20));
        this.mebibytes = new Semaphore(total, true);
    }

    static FitMemory ofHeap() {
        return ofBudget((long) (Runtime.getRuntime().maxMemory() * SHARE));
    }

    static FitMemory ofBudget(long bytes) {
        return new FitMemory(bytes);
    }

    /** Bytes a Cox or logistic fit on {@code rows} rows of {@code columns} covariates allocates, roughly. */
    static long fitBytes(int rows, int columns) {
        // working design (8 p per row), linear predictor and exp (16), event-time groups and gathers (~48)
        return (long) rows * (8L * columns + 64);
    }

    /**
     * Bytes IPCW allocates per complete case beyond the shared design: ~3.5 split intervals per row at the clinic's
     * check-in days, each with start, stop, row, period, weight and its event-time slots.
     */
    static long ipcwBytes(int rows) {
        return 160L * rows;
    }

    <T> T run(long bytes, Supplier<T> fit) {
        int held = claim(bytes);
        try {
            return fit.get();
        } finally {
            release(held);
        }
    }

    /**
     * Waits for {@code bytes} of the budget (at most all of it); returns what to {@link #release}. A thread never
     * claims while it holds a claim: the semaphore is fair, so the second claim would queue behind another thread's
     * request that waits for the first one to be released, and neither would ever run (a million episodes in a heap
     * below ~800 MiB hung the analysis at IPCW that way). A thread that needs more later claims it all at once and
     * gives parts back as its fits finish ({@link #releasePart}).
     */
    int claim(long bytes) {
        int need = mebibytes(bytes);
        mebibytes.acquireUninterruptibly(need);
        return need;
    }

    void release(int held) {
        mebibytes.release(held);
    }

    /** Gives back the part of a claim ({@code held}) that {@code bytes} stood for; returns what is still held. */
    int releasePart(int held, long bytes) {
        int part = Math.min(held, mebibytes(bytes));
        mebibytes.release(part);
        return held - part;
    }

    private int mebibytes(long bytes) {
        return (int) Math.max(1, Math.min(total, bytes >> 20));
    }
}
