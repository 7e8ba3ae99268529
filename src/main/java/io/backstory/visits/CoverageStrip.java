package io.backstory.visits;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The plan at a glance: for each visit in date order, the factors it addressed (DESIGN §5). */
public record CoverageStrip(List<Column> visits) {

    public record Column(long visitId, LocalDate date, Set<Factor> factors) {
    }

    /** Distinct factors addressed at one visit or more (DESIGN §1). */
    public Set<Factor> addressed() {
        EnumSet<Factor> all = EnumSet.noneOf(Factor.class);
        visits.forEach(v -> all.addAll(v.factors()));
        return all;
    }

    /** The strip of an episode's visits, as {@code VisitService.list} returns them (date order). */
    public static CoverageStrip of(List<VisitSummary> visits) {
        return new CoverageStrip(visits.stream().map(v -> new Column(v.id(), v.visitDate(), v.factors())).toList());
    }

    public int breadth() {
        return addressed().size();
    }
}
