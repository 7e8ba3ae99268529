package io.backstory.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Working designs ({@link WorkingDesign}) shared by the Cox fits of one analysis. Several of its fits read the very
 * same covariates in the same row order and differ only in their outcome, strata or weights: the plain adjusted
 * model, the IPCW censoring model (group + covariates of the same complete cases) and the IPCW outcome model read
 * the primary design in input order; the therapist-stratified primary model and the composite-outcome model read
 * it in stratum order. At a million rows each copy is ~100 MB and 60-90 ms of centring, scaling and scattering
 * (docs/performance.md), and a humongous allocation that pushes G1 towards full collections under a 1 GiB heap.
 *
 * <p>A design depends only on the columns' values, their names, the row order and the centring weights, so a hit
 * gives the fit exactly the array it would have built: results are unchanged. The caller decides how long designs
 * live ({@link #clear()}), so that no more than one sits in the heap while unrelated fits run. Fits that drop a
 * collinear column copy the shared design first ({@link WorkingDesign#copy()}), because dropping compacts in place.
 * Not thread-safe: one analysis, one thread.
 */
final class DesignCache {

    private record Entry(double[][] columns, String[] names, Object order, double[] weights, WorkingDesign design) {
    }

    private final List<Entry> entries = new ArrayList<>(2);

    /**
     * The design built earlier for these columns (same arrays, or equal values: the IPCW censoring model builds its
     * own exposure column), names, row order ({@code null}: input order, else the strata that ordered it, by
     * identity) and centring weights (by identity); {@code null} when none was. A design whose columns begin with
     * these serves too, through its leading columns ({@link WorkingDesign#leading}): the visits model's design is
     * the primary columns followed by the spline's, so the stratified primary and composite models read it.
     */
    WorkingDesign find(double[][] columns, String[] names, Object order, double[] weights) {
        for (Entry e : entries) {
            if (e.order == order && e.weights == weights && startsWith(e.names, names)
                    && sameValues(e.columns, columns)) {
                return e.columns.length == columns.length ? e.design : e.design.leading(columns.length);
            }
        }
        return null;
    }

    void keep(double[][] columns, String[] names, Object order, double[] weights, WorkingDesign design) {
        entries.add(new Entry(columns.clone(), names.clone(), order, weights, design));
    }

    /** Releases every design (the fits that share them are done). */
    void clear() {
        entries.clear();
    }

    private static boolean startsWith(String[] names, String[] prefix) {
        return names.length >= prefix.length && Arrays.equals(names, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Whether the first {@code b.length} columns of {@code a} hold b's values. */
    private static boolean sameValues(double[][] a, double[][] b) {
        if (a.length < b.length) {
            return false;
        }
        for (int j = 0; j < b.length; j++) {
            if (a[j] != b[j] && !Arrays.equals(a[j], b[j])) {
                return false;
            }
        }
        return true;
    }
}
