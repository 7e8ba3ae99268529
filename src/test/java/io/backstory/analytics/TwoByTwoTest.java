package io.backstory.analytics;

import static io.backstory.analytics.RReference.assertClose;
import static io.backstory.analytics.RReference.assertCloseP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Reference values from R 4.2.2, by {@code two_by_two(a, n1, c, n2)} and {@code fisher.test} in
 * src/test/resources/io/backstory/analytics/closed-form.R, for a = eventsMulti, n1 = nMulti, c = eventsIsolated,
 * n2 = nIsolated.
 */
class TwoByTwoTest {

    /** Rows of two-by-two.csv, written by closed-form.R: the R call, then the table and what R makes of it. */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/io/backstory/analytics/two-by-two.csv")
    void shouldMatchRWhenComparingGroups(String rCall, int a, int n1, int c, int n2,
                                         double rr, double rrLo, double rrHi, double or, double orLo, double orHi,
                                         double rd, double rdLo, double rdHi, double chisq, double chisqP, double fisherP) {
        TwoByTwoResult r = TwoByTwo.compare(a, n1, c, n2);

        assertClose("rr", r.rr(), rr);
        assertClose("rrLower", r.rrLower(), rrLo);
        assertClose("rrUpper", r.rrUpper(), rrHi);
        assertClose("or", r.or(), or);
        assertClose("orLower", r.orLower(), orLo);
        assertClose("orUpper", r.orUpper(), orHi);
        assertClose("rd", r.rd(), rd);
        assertClose("rdLower", r.rdLower(), rdLo);
        assertClose("rdUpper", r.rdUpper(), rdHi);
        if (chisq == 0) {
            assertThat(r.chisq()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-12));
        } else {
            assertClose("chisq", r.chisq(), chisq);
        }
        assertCloseP("chisqP", r.chisqP(), chisqP);
        assertCloseP("fisherP", r.fisherP(), fisherP);
    }

    /** Rows of fisher-large.csv, written by closed-form.R: the R call, then the table and its p-value. */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/io/backstory/analytics/fisher-large.csv")
    void shouldMatchRFisherWhenTableHasAMillionEpisodes(String rCall, int a, int n1, int c, int n2, double fisherP) {
        assertCloseP("fisherP", TwoByTwo.compare(a, n1, c, n2).fisherP(), fisherP);
    }

    @Test
    void shouldMatchRFisherWhenTablesAreRandomOrTied() {
        // reference.R: set.seed(2026); 60 tables; fisher.test(matrix(c(a, c, n1 - a, n2 - c), 2))$p.value
        for (double[] row : RReference.table("fisher-random.csv")) {
            int a = (int) row[0];
            int n1 = (int) row[1];
            int c = (int) row[2];
            int n2 = (int) row[3];
            assertCloseP(a + "/" + n1 + " vs " + c + "/" + n2, TwoByTwo.compare(a, n1, c, n2).fisherP(), row[4]);
        }
    }

    @Test
    void shouldGiveNaNAndFisherOneWhenAGroupIsEmpty() {
        TwoByTwoResult r = TwoByTwo.compare(0, 0, 5, 20);

        assertThat(r.rr()).isNaN();
        assertThat(r.rd()).isNaN();
        assertThat(r.chisq()).isNaN();
        assertThat(r.chisqP()).isNaN();
        assertThat(r.fisherP()).isEqualTo(1.0);
    }

    @Test
    void shouldThrowWhenEventsExceedGroupSize() {
        assertThatThrownBy(() -> TwoByTwo.compare(5, 4, 1, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventsMulti").hasMessageContaining("nMulti");
    }

    @Test
    void shouldThrowWhenGroupSizeIsNegative() {
        assertThatThrownBy(() -> TwoByTwo.compare(0, 4, 0, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nIsolated must be >= 0");
    }
}
