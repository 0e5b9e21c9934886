package org.rapport;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTest {

	static final ApplicationModules MODULES = ApplicationModules.of(Rapport.class);

	@Test
	void modulesOnlyUseEachOthersPublicApiAndHaveNoCycles() {
		MODULES.verify();
	}

	@Test
	void writesTheModuleDiagramsIntoTheBuildFolder() {
		new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}
