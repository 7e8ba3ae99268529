package io.backstory;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(BackstoryApplication.class);

    @Test
    void shouldKeepModuleBoundaries() {
        modules.verify();
    }

    @Test
    void shouldWriteModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
