package io.backstory.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The heap budget of the analysis's concurrent fits ({@link FitMemory}). */
class FitMemoryTest {

    private static final long MIB = 1 << 20;

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)  // a hang is the failure: a claim that can never be granted
    void shouldLetAWaitingThreadRunWhenTheHolderGivesBackPartOfItsClaim() throws InterruptedException {
        // a million episodes in a 640 MiB heap: budget 256 MiB; the Cox chain claims its shared design (~175 MiB)
        // and IPCW's intervals (~153 MiB) at once, more than the budget, so it gets all of it
        FitMemory memory = FitMemory.ofBudget(256 * MIB);
        int chain = memory.claim(175 * MIB + 153 * MIB);
        int[] side = new int[1];
        Thread logistic = Thread.ofPlatform().start(() -> side[0] = memory.claim(150 * MIB));

        chain = memory.releasePart(chain, 153 * MIB);
        logistic.join();

        assertThat(chain).isEqualTo(256 - 153);
        assertThat(side[0]).isEqualTo(150);
    }

    @Test
    void shouldClaimAtMostTheWholeBudgetWhenAFitIsLargerThanIt() {
        FitMemory memory = FitMemory.ofBudget(100 * MIB);

        int held = memory.claim(300 * MIB);
        memory.release(held);

        assertThat(held).isEqualTo(100);
        assertThat(memory.claim(100 * MIB)).isEqualTo(100);
    }
}
