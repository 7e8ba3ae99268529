package io.backstory.security;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface UserAccountRepository extends JpaRepository<UserAccount, Long> {

    Optional<UserAccount> findByUsername(String username);

    Optional<UserAccount> findByIdAndClinicId(long id, long clinicId);

    List<UserAccount> findByClinicIdOrderByDisplayName(long clinicId);
}
