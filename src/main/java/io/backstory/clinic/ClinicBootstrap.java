package io.backstory.clinic;

import io.backstory.security.Role;
import io.backstory.security.UserAccountService;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * First start on an empty production database: the first admin comes from BACKSTORY_ADMIN_USERNAME
 * and BACKSTORY_ADMIN_PASSWORD. No default password exists outside demo mode, so without them the
 * app starts with nobody able to sign in, and says so.
 */
@Component
@Order(100)
class ClinicBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ClinicBootstrap.class);

    private final ClinicService clinics;
    private final UserAccountService users;
    private final String adminUsername;
    private final String adminPassword;
    private final String clinicName;

    ClinicBootstrap(ClinicService clinics, UserAccountService users,
                    @Value("${BACKSTORY_ADMIN_USERNAME:}") String adminUsername,
                    @Value("${BACKSTORY_ADMIN_PASSWORD:}") String adminPassword,
                    @Value("${BACKSTORY_CLINIC_NAME:" + ClinicService.PLACEHOLDER_NAME + "}") String clinicName) {
        this.clinics = clinics;
        this.users = users;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
        this.clinicName = clinicName;
    }

    /** One transaction: a refused admin password leaves no clinic without an admin behind. */
    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (users.anyUserExists()) {
            return;
        }
        if (adminUsername.isBlank() || adminPassword.isBlank()) {
            log.warn("No user accounts exist. Set BACKSTORY_ADMIN_USERNAME and BACKSTORY_ADMIN_PASSWORD to create the first admin.");
            return;
        }
        ClinicSummary clinic = clinics.createClinic(clinicName, List.of("Main location"));
        try {
            users.createFirstUsers(clinic.id(), List.of(
                    new UserAccountService.NewUser(adminUsername, "Administrator", adminPassword, Set.of(Role.ADMIN, Role.OWNER))));
        } catch (IllegalArgumentException refused) {
            // The same password rule as everywhere else; the start fails, so the operator sees it at once.
            throw new IllegalStateException("BACKSTORY_ADMIN_USERNAME / BACKSTORY_ADMIN_PASSWORD refused: "
                    + refused.getMessage().replace("Password:", "BACKSTORY_ADMIN_PASSWORD:").replace("Username:", "BACKSTORY_ADMIN_USERNAME:"), refused);
        }
        log.info("Created the first admin account for clinic {}", clinic.id());
    }
}
