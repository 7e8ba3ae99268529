package io.backstory.measures;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** A scored instrument: append-only (a wrong entry is corrected by recording again), hence no version. */
@Entity
@Table(name = "measure")
class Measure {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(name = "clinic_id", nullable = false)
    private long clinicId;

    @Column(name = "episode_id", nullable = false)
    private long episodeId;

    @Column(nullable = false, length = 10)
    private String instrument = "";

    @Column(nullable = false, length = 10)
    private String timepoint = "";

    @Column(name = "recorded_on", nullable = false)
    private LocalDate recordedOn = LocalDate.EPOCH;

    @Column(nullable = false, precision = 6, scale = 2)
    private BigDecimal score = BigDecimal.ZERO;

    @Column(length = 200)
    private @Nullable String subscales;

    @Column(length = 20)
    private @Nullable String category;

    @Column(name = "item_answers", length = 400)
    private @Nullable String itemAnswers;

    protected Measure() {
    }

    Measure(long clinicId, long episodeId, Timepoint timepoint, LocalDate recordedOn, InstrumentScore score,
            @Nullable List<Integer> items) {
        this.clinicId = clinicId;
        this.episodeId = episodeId;
        this.instrument = score.instrument().key();
        this.timepoint = timepoint.name();
        this.recordedOn = recordedOn;
        this.score = BigDecimal.valueOf(score.total()).setScale(2, RoundingMode.HALF_UP);
        this.subscales = score.subscales().isEmpty() ? null : score.subscales().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
        this.category = score.category();
        this.itemAnswers = items == null ? null
                : items.stream().map(i -> i == null ? "" : i.toString()).collect(Collectors.joining(","));
    }

    MeasureSummary toSummary() {
        Map<String, Double> subs = new LinkedHashMap<>();
        if (subscales != null) {
            for (String part : subscales.split(";")) {
                String[] kv = part.split("=", 2);
                subs.put(kv[0], Double.valueOf(kv[1]));
            }
        }
        return new MeasureSummary(id == null ? 0 : id, episodeId, Instrument.fromKey(instrument), Timepoint.valueOf(timepoint),
                recordedOn, score.doubleValue(), subs, category);
    }
}
