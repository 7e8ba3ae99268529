package io.backstory.demo;

import io.backstory.clinic.ClinicService;
import io.backstory.clinic.ClinicSummary;
import io.backstory.demo.SyntheticRecords.Patient;
import io.backstory.reports.ReportEpisodes;
import io.backstory.security.Role;
import io.backstory.security.UserAccountService;
import io.backstory.security.UserSummary;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds the demo clinic on the first start in demo mode. The demo logins exist only here: the
 * bean is absent unless backstory.demo.enabled=true (the demo profile of the run command).
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "backstory.demo.enabled", havingValue = "true")
class DemoSeeder implements ApplicationRunner {

    static final String DEMO_PASSWORD = "backstory-demo";
    static final String CLINIC_NAME = "Backstory Demo Physio";
    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    private final ClinicService clinics;
    private final UserAccountService users;
    private final DemoDataWriter writer;
    private final ReportEpisodes reportEpisodes;
    private final Clock clock;
    private final int episodes;
    private final long seed;

    DemoSeeder(ClinicService clinics, UserAccountService users, DemoDataWriter writer, ReportEpisodes reportEpisodes, Clock clock,
               @Value("${backstory.demo.episodes:2000}") int episodes, @Value("${backstory.demo.seed:20261128}") long seed) {
        this.clinics = clinics;
        this.users = users;
        this.writer = writer;
        this.reportEpisodes = reportEpisodes;
        this.clock = clock;
        this.episodes = episodes;
        this.seed = seed;
    }

    /** One transaction: a start interrupted while seeding leaves no half-made clinic behind, and the next start seeds again. */
    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (users.anyUserExists()) {
            return;
        }
        long started = System.nanoTime();
        ClinicSummary clinic = clinics.createClinic(CLINIC_NAME, List.of("Riverside", "Old Town"));
        List<UserSummary> staff = users.createFirstUsers(clinic.id(), List.of(
                new UserAccountService.NewUser("therapist", "Theo Marsh", DEMO_PASSWORD, Set.of(Role.THERAPIST)),
                new UserAccountService.NewUser("priya.shah", "Priya Shah", DEMO_PASSWORD, Set.of(Role.THERAPIST)),
                new UserAccountService.NewUser("jonas.berg", "Jonas Berg", DEMO_PASSWORD, Set.of(Role.THERAPIST)),
                new UserAccountService.NewUser("amara.okafor", "Amara Okafor", DEMO_PASSWORD, Set.of(Role.THERAPIST)),
                new UserAccountService.NewUser("lucia.romero", "Lucía Romero", DEMO_PASSWORD, Set.of(Role.THERAPIST)),
                new UserAccountService.NewUser("owen.hughes", "Owen Hughes", DEMO_PASSWORD, Set.of(Role.THERAPIST, Role.OWNER)),
                new UserAccountService.NewUser("owner", "Olivia Grant", DEMO_PASSWORD, Set.of(Role.OWNER)),
                new UserAccountService.NewUser("admin", "Adam Price", DEMO_PASSWORD, Set.of(Role.ADMIN))));
        long[] therapists = staff.stream().filter(u -> u.roles().contains(Role.THERAPIST)).mapToLong(UserSummary::id).toArray();
        long[] locations = clinic.locations().stream().mapToLong(ClinicSummary.LocationSummary::id).toArray();

        DemoCohortSpec spec = new DemoCohortSpec(seed, episodes, Math.max(5, episodes * 6 / 100), therapists.length,
                locations.length, LocalDate.now(clock));
        List<Patient> batch = new ArrayList<>();
        int[] written = new int[1];
        new DemoCohortGenerator(spec).generate(p -> {
            batch.add(p);
            if (batch.size() == 500) {
                written[0] += writer.write(clinic.id(), therapists, locations, batch);
                batch.clear();
            }
        });
        written[0] += writer.write(clinic.id(), therapists, locations, batch);
        writer.restartIdentities();
        // The writer bypasses the services (JDBC batches), so the report's per-episode rows are built once here.
        reportEpisodes.rebuild(clinic.id());
        log.info("Seeded the demo clinic: {} patients in {} ms", written[0], (System.nanoTime() - started) / 1_000_000);
    }
}
