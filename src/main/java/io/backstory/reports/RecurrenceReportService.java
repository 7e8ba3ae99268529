package io.backstory.reports;

import io.backstory.analytics.AnalysisCsv;
import io.backstory.analytics.AnalysisEpisode;
import io.backstory.analytics.AnalysisReport;
import io.backstory.analytics.FunnelLimit;
import io.backstory.analytics.FunnelLimits;
import io.backstory.analytics.ProportionEstimate;
import io.backstory.analytics.RecurrenceAnalysis;
import io.backstory.analytics.WilsonInterval;
import io.backstory.clinic.ClinicService;
import io.backstory.clinic.ClinicSettings;
import io.backstory.reports.RecurrenceReport.BreadthRow;
import io.backstory.reports.RecurrenceReport.FactorOmission;
import io.backstory.reports.RecurrenceReport.FunnelBand;
import io.backstory.reports.RecurrenceReport.Kpis;
import io.backstory.reports.RecurrenceReport.QuarterRow;
import io.backstory.reports.RecurrenceReport.TherapistPoint;
import io.backstory.security.AuditLog;
import io.backstory.security.AuditLog.Action;
import io.backstory.security.BackstoryUser;
import io.backstory.security.CurrentUser;
import io.backstory.security.Role;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import io.backstory.base.ReadReplicaConfiguration;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The owner's recurrence report. Owners and admins only, checked here (the views check too). Each
 * report is computed once per (clinic, filter, data version) and cached; a computation that is not
 * cached runs on a small background pool so the UI never waits on it.
 */
@Service
public class RecurrenceReportService {

    static final String AUDIT_ENTITY = "RecurrenceReport";
    private static final double CONFIDENCE = 0.95;
    private static final int CACHE_LIMIT = 64;

    private final ReportDataset dataset;
    private final ClinicService clinics;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<CacheKey, RecurrenceReport> cache = new ConcurrentHashMap<>();
    // Two cores in production: one report at a time per node is plenty and keeps visits fast.
    private final ExecutorService background = Executors.newFixedThreadPool(1, r -> {
        Thread t = new Thread(r, "recurrence-report");
        t.setDaemon(true);
        return t;
    });

    /**
     * With a read replica configured (ReadReplicaConfiguration), the report's reads run in a read-only
     * transaction of their own, which routes them to the replica; without one they join the caller's.
     */
    private final @Nullable TransactionTemplate replicaReads;

    RecurrenceReportService(ReportDataset dataset, ClinicService clinics, CurrentUser currentUser, AuditLog audit, Clock clock,
                            PlatformTransactionManager transactions, Environment environment) {
        this.replicaReads = environment.containsProperty(ReadReplicaConfiguration.REPLICA_URL) ? readOnlyNew(transactions) : null;
        this.dataset = dataset;
        this.clinics = clinics;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    private record CacheKey(long clinicId, ReportFilter filter, String dataVersion) {
    }

    /** Filter choices for the user's clinic. */
    @Transactional(readOnly = true)
    public ReportOptions options() {
        long clinicId = requireReader().clinicId();
        // archived locations too: the report still names them; the clinic module lists them by name
        List<ReportOptions.Option> locations = clinics.currentClinic().locations().stream()
                .map(l -> new ReportOptions.Option(l.id(), l.name())).toList();
        return new ReportOptions(locations, dataset.therapists(clinicId), clinics.settings(clinicId).horizonDays());
    }

    /** The report, computed in the caller's thread (API, exports, tests). */
    @Transactional
    public RecurrenceReport report(ReportFilter filter) {
        long clinicId = requireReader().clinicId();
        audit.record(Action.READ, AUDIT_ENTITY, clinicId);
        return cachedOrCompute(clinicId, filter);
    }

    /** The report if it is cached for the current data, without computing it (the views render it at once). */
    @Transactional
    public Optional<RecurrenceReport> cached(ReportFilter filter) {
        long clinicId = requireReader().clinicId();
        RecurrenceReport hit = cache.get(new CacheKey(clinicId, filter, dataset.dataVersion(clinicId)));
        if (hit != null) {
            audit.record(Action.READ, AUDIT_ENTITY, clinicId);
        }
        return Optional.ofNullable(hit);
    }

    /**
     * The report computed on the background pool. Authorization and the audit row happen now, in the
     * caller's thread; the computation needs only the clinic id, so it carries no security context.
     */
    @Transactional
    public CompletableFuture<RecurrenceReport> reportInBackground(ReportFilter filter) {
        long clinicId = requireReader().clinicId();
        audit.record(Action.READ, AUDIT_ENTITY, clinicId);
        return CompletableFuture.supplyAsync(() -> cachedOrCompute(clinicId, filter), background);
    }

    /**
     * The analysis dataset as the DESIGN §4 CSV (de-identified: row numbers, therapist and location codes, no
     * names, no dates), with the optional therapist_id, location_id and recovered columns.
     */
    @Transactional
    public void exportCsv(ReportFilter filter, Writer out) {
        long clinicId = requireReader().clinicId();
        audit.record(Action.EXPORT, AUDIT_ENTITY + ".csv", clinicId);
        AnalysisCsv.write(out, dataset.load(clinicId, filter, clinics.settings(clinicId).painFreeDays()).stream()
                .map(EpisodeRow::episode).toList());
    }

    /**
     * The analysis as the JSON of docs/analysis-json.md. A filter that no discharged episode matches still gets an
     * answer, the INSUFFICIENT_DATA verdict with n = 0: too little data is a result, not a client error.
     */
    @Transactional
    public String exportJson(ReportFilter filter) {
        long clinicId = requireReader().clinicId();
        audit.record(Action.EXPORT, AUDIT_ENTITY + ".json", clinicId);
        RecurrenceReport report = cachedOrCompute(clinicId, filter);
        AnalysisReport analysis = report.analysis();
        return withFollowUpChannels(analysis != null ? analysis.toJson() : noEpisodesJson(report.horizonDays()),
                report.followUpChannels());
    }

    static String noEpisodesJson(int horizonDays) {
        return "{\"n\":0,\"events\":0,\"horizon_days\":" + horizonDays + ",\"verdict\":{\"code\":\"INSUFFICIENT_DATA\","
                + "\"sentence\":\"No discharged episodes match this filter, so there is nothing to analyse yet.\",\"warnings\":[]},"
                + "\"warnings\":[\"No model was fitted: no discharged episodes match the filter.\"]}";
    }

    /** The report as a PDF document, in English. */
    @Transactional
    public byte[] exportPdf(ReportFilter filter) {
        return exportPdf(filter, java.util.Locale.ENGLISH);
    }

    /** The report as a PDF document in the reader's language (issue 16: the owner's language, as on the page). */
    @Transactional
    public byte[] exportPdf(ReportFilter filter, java.util.Locale locale) {
        BackstoryUser user = requireReader();
        audit.record(Action.EXPORT, AUDIT_ENTITY + ".pdf", user.clinicId());
        RecurrenceReport report = cachedOrCompute(user.clinicId(), filter);
        return ReportPdf.render(clinics.currentClinic().name(), report, options(), locale);
    }

    /**
     * Issue 12: the follow-up completeness by channel and plan group, added to the analysis JSON as
     * {@code "followUpByChannel"} (docs/analysis-json.md): the analytics engine knows nothing of channels.
     */
    static String withFollowUpChannels(String json, List<RecurrenceReport.ChannelRow> rows) {
        StringBuilder b = new StringBuilder(",\"followUpByChannel\":[");
        for (int i = 0; i < rows.size(); i++) {
            RecurrenceReport.ChannelRow r = rows.get(i);
            b.append(i == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT,
                    "{\"planGroup\":\"%s\",\"due\":%d,\"emailReply\":%d,\"staffCall\":%d,\"newEpisode\":%d,\"missing\":%d,\"completeness\":%s}",
                    r.planGroup(), r.due(), r.email(), r.call(), r.newEpisode(), r.missing(),
                    Double.isNaN(r.completeness()) ? "null" : String.format(java.util.Locale.ROOT, "%.4f", r.completeness())));
        }
        b.append(']');
        int end = json.lastIndexOf('}');
        return json.substring(0, end) + b + json.substring(end);
    }

    private BackstoryUser requireReader() {
        return currentUser.requireAnyRole(Role.OWNER, Role.ADMIN);
    }

    private static TransactionTemplate readOnlyNew(PlatformTransactionManager transactions) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setReadOnly(true);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return template;
    }

    private RecurrenceReport cachedOrCompute(long clinicId, ReportFilter filter) {
        return replicaReads == null ? cachedOrComputeHere(clinicId, filter)
                : replicaReads.execute(status -> cachedOrComputeHere(clinicId, filter));
    }

    private RecurrenceReport cachedOrComputeHere(long clinicId, ReportFilter filter) {
        CacheKey key = new CacheKey(clinicId, filter, dataset.dataVersion(clinicId));
        RecurrenceReport hit = cache.get(key);
        if (hit != null) {
            return hit;
        }
        RecurrenceReport report = compute(clinicId, filter, key.dataVersion());
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        // Reports of older data versions of this clinic are never asked for again.
        cache.keySet().removeIf(k -> k.clinicId() == clinicId && !k.dataVersion().equals(key.dataVersion()));
        cache.put(key, report);
        return report;
    }

    RecurrenceReport compute(long clinicId, ReportFilter filter, String dataVersion) {
        ClinicSettings settings = clinics.settings(clinicId);
        int horizon = filter.horizonDays() != null ? filter.horizonDays() : settings.horizonDays();
        RecurrenceAnalysis analysis = RecurrenceAnalysis.withDefaults().withHorizonDays(horizon)
                .withIsolatedMaxBreadth(settings.isolatedMaxBreadth())
                .withCheckInDays(checkInDays(settings.followUpMonths()))
                .withRecoveryDays(settings.painFreeDays());
        return assemble(filter, horizon, settings.isolatedMaxBreadth(), dataset.load(clinicId, filter, settings.painFreeDays()),
                dataset.therapists(clinicId), dataset.activeEpisodes(clinicId, filter), dataVersion, Instant.now(clock),
                analysis)
                .withFollowUpChannels(dataset.followUpChannels(clinicId, filter, settings.isolatedMaxBreadth(),
                        java.time.LocalDate.now(clock)));
    }

    /**
     * The clinic's check-in schedule in days after discharge (a month = 365.25 / 12 days, rounded): where the
     * analysis's censoring model (IPCW) splits follow-up, because patients are lost at their last check-in.
     */
    static int[] checkInDays(List<Integer> followUpMonths) {
        return followUpMonths.stream().mapToInt(m -> (int) Math.round(m * 365.25 / 12)).toArray();
    }

    /**
     * The report from the loaded rows. No database and no clock here, so the report (and the PDF drawn
     * from it) can be built from a generated cohort in a plain unit test.
     */
    static RecurrenceReport assemble(ReportFilter filter, int horizon, int isolatedMax, List<EpisodeRow> rows,
                                     List<ReportOptions.Option> therapistNames, int activeEpisodes, String dataVersion,
                                     Instant computedAt) {
        return assemble(filter, horizon, isolatedMax, rows, therapistNames, activeEpisodes, dataVersion, computedAt,
                RecurrenceAnalysis.withDefaults().withHorizonDays(horizon).withIsolatedMaxBreadth(isolatedMax));
    }

    /** As above with the clinic's analysis settings (check-in schedule, recovery window). */
    static RecurrenceReport assemble(ReportFilter filter, int horizon, int isolatedMax, List<EpisodeRow> rows,
                                     List<ReportOptions.Option> therapistNames, int activeEpisodes, String dataVersion,
                                     Instant computedAt, RecurrenceAnalysis configured) {
        List<AnalysisEpisode> episodes = rows.stream().map(EpisodeRow::episode).toList();
        AnalysisReport analysis = episodes.isEmpty() ? null : configured.analyze(episodes);

        int evaluable = 0;
        int events = 0;
        int[] breadthN = new int[6];
        int[] breadthEvaluable = new int[6];
        int[] breadthEvents = new int[6];
        int[] omitted = new int[5];
        for (AnalysisEpisode e : episodes) {
            int b = e.breadth();
            breadthN[b]++;
            boolean[] f = {e.movement(), e.mobility(), e.strength(), e.recovery(), e.beliefs()};
            for (int i = 0; i < 5; i++) {
                if (!f[i]) {
                    omitted[i]++;
                }
            }
            if (isEvaluable(e, horizon)) {
                evaluable++;
                breadthEvaluable[b]++;
                if (recurredBy(e, horizon)) {
                    events++;
                    breadthEvents[b]++;
                }
            }
        }
        ProportionEstimate overall = WilsonInterval.of(events, evaluable, CONFIDENCE);
        Kpis kpis = new Kpis(activeEpisodes, episodes.size(),
                episodes.isEmpty() ? Double.NaN : (double) evaluable / episodes.size(), overall);

        List<BreadthRow> breadth = new ArrayList<>();
        for (int b = 0; b <= 5; b++) {
            breadth.add(new BreadthRow(b, breadthN[b], WilsonInterval.of(breadthEvents[b], breadthEvaluable[b], CONFIDENCE)));
        }
        List<FactorOmission> omissions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            omissions.add(new FactorOmission(RecurrenceAnalysis.factorTerms().get(i), omitted[i], episodes.size(),
                    episodes.isEmpty() ? Double.NaN : (double) omitted[i] / episodes.size()));
        }
        double clinicRate = evaluable == 0 ? Double.NaN : (double) events / evaluable;
        List<TherapistPoint> therapists = therapists(therapistNames, rows, horizon, clinicRate);
        List<FunnelBand> funnel = funnel(clinicRate, therapists.stream().mapToInt(TherapistPoint::evaluable).max().orElse(0));
        return new RecurrenceReport(filter, horizon, isolatedMax, analysis, kpis, breadth, therapists, funnel, clinicRate,
                quarters(rows, horizon), omissions, dataVersion, computedAt);
    }

    /** DESIGN §4: at the horizon an episode counts when it recurred by then or was followed for the whole horizon. */
    static boolean isEvaluable(AnalysisEpisode e, int horizon) {
        return recurredBy(e, horizon) || e.timeDays() >= horizon;
    }

    static boolean recurredBy(AnalysisEpisode e, int horizon) {
        return e.recurred() && e.timeDays() <= horizon;
    }

    /**
     * Of a group's discharged episodes (a therapist's, a quarter's): those evaluable at the horizon, those of them that
     * recurred by it, and the average plan breadth over all of them.
     */
    private record GroupCount(int discharged, int evaluable, int recurred, double averageBreadth) {

        static GroupCount of(List<AnalysisEpisode> episodes, int horizon) {
            int n = 0;
            int x = 0;
            for (AnalysisEpisode e : episodes) {
                if (isEvaluable(e, horizon)) {
                    n++;
                    x += recurredBy(e, horizon) ? 1 : 0;
                }
            }
            return new GroupCount(episodes.size(), n, x,
                    episodes.stream().mapToInt(AnalysisEpisode::breadth).average().orElse(Double.NaN));
        }

        /** The group's recurrence proportion, recurred / evaluable (NaN when none is evaluable). */
        double rate() {
            return evaluable == 0 ? Double.NaN : (double) recurred / evaluable;
        }
    }

    /** The rows' episodes grouped by {@code key}, in key order, each group counted at the horizon. */
    private static <K extends Comparable<K>> Map<K, GroupCount> countBy(List<EpisodeRow> rows, Function<EpisodeRow, K> key,
                                                                       int horizon) {
        return rows.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.collectingAndThen(
                Collectors.mapping(EpisodeRow::episode, Collectors.toList()), episodes -> GroupCount.of(episodes, horizon))));
    }

    private static List<TherapistPoint> therapists(List<ReportOptions.Option> therapistNames, List<EpisodeRow> rows,
                                                   int horizon, double clinicRate) {
        Map<Long, String> names = therapistNames.stream()
                .collect(Collectors.toMap(ReportOptions.Option::id, ReportOptions.Option::name, (a, b) -> a, LinkedHashMap::new));
        List<TherapistPoint> points = new ArrayList<>();
        countBy(rows, EpisodeRow::therapistId, horizon).forEach((id, c) -> {
            int n = c.evaluable();
            double rate = c.rate();
            boolean out95 = false;
            boolean out998 = false;
            if (n > 0 && Double.isFinite(clinicRate)) {
                FunnelLimit l95 = FunnelLimits.of(clinicRate, n, 0.95);
                FunnelLimit l998 = FunnelLimits.of(clinicRate, n, 0.998);
                out95 = rate < l95.lower() || rate > l95.upper();
                out998 = rate < l998.lower() || rate > l998.upper();
            }
            points.add(new TherapistPoint(id, names.getOrDefault(id, "#" + id), c.discharged(), n, c.recurred(), rate,
                    c.averageBreadth(), out95, out998));
        });
        // Alphabetical, never ranked: the funnel plot is for spotting unusual variation, not a league table.
        points.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        return points;
    }

    private static List<FunnelBand> funnel(double clinicRate, int maxN) {
        List<FunnelBand> bands = new ArrayList<>();
        if (!Double.isFinite(clinicRate) || maxN == 0) {
            return bands;
        }
        int top = Math.max(10, (int) Math.ceil(maxN * 1.2));
        int step = Math.max(1, top / 60);
        for (int n = 1; n <= top; n += n < 10 ? 1 : step) {
            FunnelLimit a = FunnelLimits.of(clinicRate, n, 0.95);
            FunnelLimit b = FunnelLimits.of(clinicRate, n, 0.998);
            bands.add(new FunnelBand(n, a.lower(), a.upper(), b.lower(), b.upper()));
        }
        return bands;
    }

    private static List<QuarterRow> quarters(List<EpisodeRow> rows, int horizon) {
        List<QuarterRow> out = new ArrayList<>();
        countBy(rows, r -> r.discharge().getYear() + " Q" + ((r.discharge().getMonthValue() - 1) / 3 + 1), horizon)
                .forEach((q, c) -> out.add(new QuarterRow(q, c.discharged(), c.evaluable(), c.recurred(), c.rate(),
                        c.averageBreadth())));
        return out;
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
