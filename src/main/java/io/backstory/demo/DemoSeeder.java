package io.backstory.demo;

import io.backstory.clinic.ClinicService;
import io.backstory.clinic.ClinicSummary;
import io.backstory.security.Role;
import io.backstory.security.UserAccountService;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo clinic on the first start in demo mode. The demo logins exist only here: the
 * bean is absent unless backstory.demo.enabled=true (the demo profile of the run command).
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "backstory.demo.enabled", havingValue = "true")
class DemoSeeder implements ApplicationRunner {

    static final String DEMO_PASSWORD = "backstory-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    private final ClinicService clinics;
    private final UserAccountService users;

    DemoSeeder(ClinicService clinics, UserAccountService users) {
        this.clinics = clinics;
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.anyUserExists()) {
            return;
        }
        long started = System.nanoTime();
        ClinicSummary clinic = clinics.createClinic("Backstory Demo Physio", List.of("Riverside", "Old Town"));
        users.createFirstUsers(clinic.id(), List.of(
                new UserAccountService.NewUser("owner", "Olivia Owner", DEMO_PASSWORD, Set.of(Role.OWNER)),
                new UserAccountService.NewUser("admin", "Adam Admin", DEMO_PASSWORD, Set.of(Role.ADMIN)),
                new UserAccountService.NewUser("therapist", "Theo Therapist", DEMO_PASSWORD, Set.of(Role.THERAPIST))));
        log.info("Seeded the demo clinic in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
}
