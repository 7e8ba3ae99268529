package io.backstory.analytics;

import static io.backstory.analytics.RReference.assertClose;
import static io.backstory.analytics.RReference.assertCloseP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reference values from R 4.x with, for a = eventsMulti, n1 = nMulti, c = eventsIsolated, n2 = nIsolated:
 * <pre>
 * b <- n1 - a; d <- n2 - c; z <- qnorm(0.975)
 * rr <- (a/n1)/(c/n2); exp(log(rr) + c(-1,1)*z*sqrt(1/a - 1/n1 + 1/c - 1/n2))
 * or <- (a*d)/(b*c);   exp(log(or) + c(-1,1)*z*sqrt(1/a + 1/b + 1/c + 1/d))
 * rd <- a/n1 - c/n2;   rd + c(-1,1)*z*sqrt(p1*(1-p1)/n1 + p2*(1-p2)/n2)
 * m <- matrix(c(a, c, b, d), 2); chisq.test(m, correct = FALSE); fisher.test(m)$p.value
 * </pre>
 */
class TwoByTwoTest {

    @ParameterizedTest(name = "{0}/{1} vs {2}/{3}")
    @CsvSource({
        // a, n1, c, n2, rr, rrLo, rrHi, or, orLo, orHi, rd, rdLo, rdHi, chisq, chisqP, fisherP
        "12, 40, 20, 38, 0.57000000000000006, 0.3251634738144199, 0.9991897189086798, 0.38571428571428573, 0.15235671048665811, 0.97649463373725121, -0.22631578947368419, -0.4393190912679581, -0.013312487679410262, 4.1253432494279156, 0.042245449698904911, 0.06492159604799827",
        "230, 1000, 310, 1000, 0.74193548387096775, 0.64094119940063254, 0.85884362362976496, 0.66485127775450359, 0.5448116853520899, 0.81133946539001212, -0.079999999999999988, -0.1187557789096207, -0.041244221090379271, 16.235413495687467, 5.5938611207408374e-05, 6.7739288569330632e-05",
        // zero cell in the multi-factor group: R gives RR 0 (0, NaN), OR 0 (0, NaN)
        "0, 20, 5, 25, 0, 0, NaN, 0, 0, NaN, -0.20000000000000001, -0.3567971187632043, -0.04320288123679572, 4.5, 0.033894853524689267, 0.056176381757777082",
        // everyone recurred in the multi-factor group: OR Inf (NaN, Inf)
        "3, 3, 1, 4, 4, 0.73265215465629074, 21.838467133842084, Infinity, NaN, Infinity, 0.75, 0.32565534972143573, 1.1743446502785644, 3.9375000000000004, 0.047220904003577278, 0.14285714285714279",
        "350000, 1000000, 352000, 1000000, 0.99431818181818177, 0.99057757734513729, 0.99807291150680122, 0.99125874125874125, 0.98551869930111657, 0.99703221544012655, -0.0020000000000000018, -0.0033229335859645279, -0.00067706641403547587, 8.7796697966189488, 0.0030460633491276126, 0.0030607434757286126",
        // identical groups: symmetric tables, Fisher's tie tolerance must count both tails
        "2, 30, 2, 30, 1, 0.15054321387968481, 6.6426109435873153, 1, 0.13149907456419077, 7.6046162553931413, 0, -0.12623367337303346, 0.12623367337303346, 0, 1, 1",
        "5, 10, 5, 10, 1, 0.41622781326372682, 2.4025304608041376, 1, 0.17324559253430388, 5.7721526150917395, 0, -0.43826127028829065, 0.43826127028829065, 0, 1, 1",
        "1, 600000, 30, 400000, 0.022222222222222223, 0.003030520926740228, 0.16295124581931572, 0.022220592589876537, 0.0030302743431426847, 0.16294060508501848, -7.3333333333333331e-05, -0.00010036831455262259, -4.6298352114044068e-05, 41.635699308829111, 1.0996682621600508e-10, 2.1891841603902472e-11",
        "7, 12, 2, 15, 4.375, 1.1051019774443003, 17.320234141889166, 9.0999999999999996, 1.3889770826587819, 59.619414196154324, 0.45000000000000007, 0.12227940834418133, 0.77772059165581875, 6.0750000000000002, 0.013710830078133217, 0.036918382913806218",
    })
    void shouldMatchRWhenComparingGroups(int a, int n1, int c, int n2,
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

    @ParameterizedTest(name = "{0}/{1} vs {2}/{3}")
    @CsvSource({
        // R: fisher.test(matrix(c(35100, 36000, 100000 - 35100, 100000 - 36000), 2))$p.value
        "35100, 100000, 36000, 100000, 2.6727718851011109e-05",
        // R: fisher.test(matrix(c(170000, 171000, 500000 - 170000, 500000 - 171000), 2))$p.value
        "170000, 500000, 171000, 500000, 0.035083427491803688",
        // R: fisher.test(matrix(c(100, 400, 500000 - 100, 500000 - 400), 2))$p.value
        "100, 500000, 400, 500000, 1.5866481074334752e-43",
    })
    void shouldMatchRFisherWhenTableHasAMillionEpisodes(int a, int n1, int c, int n2, double fisherP) {
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
