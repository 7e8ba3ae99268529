package io.backstory.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The heap budget of the analysis's concurrent fits ({@link FitMemory}). */
class FitMemoryTest {

    private static final long MIB = 1 << 20;

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)  // a hang is the failure: the claim waited for its own thread
    void shouldGrantANestedClaimTheBudgetItsThreadDoesNotHoldWhenItAsksForMore() {
        // a million episodes in a 640 MiB heap: budget 256 MiB, shared design ~175 MiB, IPCW ~153 MiB
        FitMemory memory = FitMemory.ofBudget(256 * MIB);
        int shared = memory.claim(175 * MIB);
        int ipcw = memory.claim(153 * MIB);

        assertThat(shared).isEqualTo(175);
        assertThat(ipcw).isEqualTo(256 - 175);
        memory.release(ipcw);
        memory.release(shared);
        assertThat(memory.claim(256 * MIB)).isEqualTo(256);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldLetAnotherThreadClaimWhatIsReleasedWhenTheFirstIsDone() throws InterruptedException {
        FitMemory memory = FitMemory.ofBudget(100 * MIB);
        int first = memory.claim(80 * MIB);
        int[] second = new int[1];
        Thread other = Thread.ofPlatform().start(() -> second[0] = memory.claim(60 * MIB));
        memory.release(first);
        other.join();

        assertThat(second[0]).isEqualTo(60);
    }
}
