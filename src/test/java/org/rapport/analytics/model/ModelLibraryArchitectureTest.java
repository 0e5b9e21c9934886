package org.rapport.analytics.model;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ModelLibraryArchitectureTest {

	static final JavaClasses ANALYTICS = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.rapport.analytics.model", "org.rapport.analytics.clv");

	@Test
	void modelLibraryDependsOnNothingButTheJdk() {
		classes().that()
			.resideInAPackage("org.rapport.analytics.model..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("org.rapport.analytics.model..", "java..")
			.check(ANALYTICS);
	}

	@Test
	void clvCommandRunsWithoutSpringOrTheDatabase() {
		noClasses().that()
			.resideInAPackage("org.rapport.analytics.clv..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..", "org.postgresql..")
			.check(ANALYTICS);
	}

}
