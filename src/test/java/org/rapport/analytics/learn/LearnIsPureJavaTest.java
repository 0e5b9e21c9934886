package org.rapport.analytics.learn;

import java.net.URISyntaxException;
import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

class LearnIsPureJavaTest {

	static JavaClasses learn;

	/**
	 * The compiled main classes of this package only (its folder, not a classpath scan).
	 */
	@BeforeAll
	static void importTheMainClasses() throws URISyntaxException {
		Path root = Path.of(Auc.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		learn = new ClassFileImporter().importPath(root.resolve("org/rapport/analytics/learn"));
		assertThat(learn).extracting(c -> c.getSimpleName()).contains("KMeans", "ChurnTree", "Auc");
	}

	@Test
	void theLearningLibraryUsesOnlyTheJavaPlatformAndItself() {
		classes().should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("java..", "org.rapport.analytics.learn..")
			.check(learn);
	}

	@Test
	void theLearningLibraryKnowsNothingOfSpringOrDatabases() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..", "org.postgresql..",
					"tools.jackson..", "com.fasterxml..")
			.check(learn);
	}

}
