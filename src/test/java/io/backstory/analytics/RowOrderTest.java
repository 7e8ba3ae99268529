package io.backstory.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RowOrderTest {

    @ParameterizedTest(name = "whole days = {0}")
    @ValueSource(booleans = {true, false})
    void shouldMatchAStableBoxedSortWhenTimesHaveTies(boolean wholeDays) {
        Random rnd = new Random(11);
        double[] time = new double[5_000];
        for (int i = 0; i < time.length; i++) {
            double t = rnd.nextInt(300) + (wholeDays ? 0 : rnd.nextInt(3) * 0.25);
            time[i] = t;
        }
        Integer[] expected = IntStream.range(0, time.length).boxed().toArray(Integer[]::new);
        Arrays.sort(expected, Comparator.comparingDouble(i -> time[i]));

        assertThat(RowOrder.byTime(time)).containsExactly(Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
    }
}
