package io.backstory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(BackstoryApplication.class);

    @Test
    void shouldKeepModuleBoundaries() {
        modules.verify();
    }

    /**
     * Issue 15 item 2: the pages that compose several modules (patient, episode, visit pages) live in care, and no
     * module depends on care, so a feature module never needs the modules only those pages need.
     */
    @Test
    void shouldKeepTheComposingPagesInCareOnTopOfTheFeatureModules() {
        ApplicationModule care = modules.getModuleByName("care").orElseThrow();
        assertThat(modules.stream().filter(m -> !m.equals(care) && m.getDirectDependencies(modules).contains(care))
                .map(ApplicationModule::getDisplayName)).as("modules that depend on care").isEmpty();
    }

    /** Before the care module, visits depended on followups only because the episode page lived in visits/ui. */
    @Test
    void shouldKeepVisitsFreeOfTheModulesOnlyTheEpisodePageNeeds() {
        ApplicationModule visits = modules.getModuleByName("visits").orElseThrow();
        assertThat(visits.getDirectDependencies(modules).containsModuleNamed("followups")).isFalse();
        assertThat(visits.getBasePackage().getDirectSubPackages()).as("visits has no pages of its own").isEmpty();
    }

    @Test
    void shouldWriteModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
