package org.rapport.platform.web;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.swagger.v3.oas.annotations.media.Schema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpEntity;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import org.rapport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document names each schema by its type's simple name, so two types of the
 * API with one name were merged into one schema: a client generated from the document
 * then lacked the fields of the other (ADR 0090).
 */
@IntegrationTest
class ApiSchemaNamesTest {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	MockMvcTester mvc;

	@Test
	void noTwoTypesOfTheApiShareASchemaName() {
		Map<String, Set<String>> typesByName = new TreeMap<>();
		Set<Class<?>> seen = new HashSet<>();
		this.mappings.getHandlerMethods().forEach((info, method) -> {
			if (info.getPatternValues().stream().noneMatch((p) -> p.startsWith("/api/"))) {
				return;
			}
			typesOf(method).forEach((type) -> walk(type, typesByName, seen));
		});
		assertThat(typesByName).as("types of the API").isNotEmpty();
		assertThat(typesByName).as("schema names given to more than one type")
			.allSatisfy((name, types) -> assertThat(types).as(name).hasSize(1));
	}

	@Test
	void theDocumentDescribesEachRequestWithItsOwnFields() {
		var document = assertThat(this.mvc.get().uri("/v3/api-docs")).hasStatusOk().bodyJson();
		document.extractingPath("$.components.schemas.PointsRequest.properties").asMap().containsKey("toAccountId");
		document.extractingPath("$.components.schemas.PartnerPointsRequest.properties")
			.asMap()
			.containsKeys("points", "reason")
			.doesNotContainKey("toAccountId");
		document.extractingPath("$.components.schemas.AuditPage.properties")
			.asMap()
			.containsKeys("totalItems", "totalPages");
		document.extractingPath("$.components.schemas.DuplicatePage.properties").asMap().containsKey("total");
	}

	private static Set<ResolvableType> typesOf(HandlerMethod method) {
		Set<ResolvableType> types = new HashSet<>();
		for (MethodParameter parameter : method.getMethodParameters()) {
			if (parameter.hasParameterAnnotation(RequestBody.class)) {
				types.add(ResolvableType.forMethodParameter(parameter));
			}
		}
		types.add(ResolvableType.forMethodReturnType(method.getMethod()));
		return types;
	}

	private static void walk(ResolvableType type, Map<String, Set<String>> typesByName, Set<Class<?>> seen) {
		Class<?> raw = type.resolve();
		if (raw == null) {
			return;
		}
		if (HttpEntity.class.isAssignableFrom(raw) || Collection.class.isAssignableFrom(raw)
				|| Map.class.isAssignableFrom(raw) || Optional.class.equals(raw) || raw.isArray()) {
			if (raw.isArray()) {
				walk(type.getComponentType(), typesByName, seen);
			}
			for (ResolvableType argument : type.getGenerics()) {
				walk(argument, typesByName, seen);
			}
			return;
		}
		if (!raw.getName().startsWith("org.rapport.") || raw.isEnum() || raw.isInterface()) {
			return;
		}
		typesByName.computeIfAbsent(schemaName(type, raw), (n) -> new TreeSet<>()).add(raw.getName());
		for (ResolvableType argument : type.getGenerics()) {
			walk(argument, typesByName, seen);
		}
		if (!seen.add(raw)) {
			return;
		}
		if (raw.isRecord()) {
			for (RecordComponent component : raw.getRecordComponents()) {
				walk(ResolvableType.forMethodReturnType(component.getAccessor(), raw), typesByName, seen);
			}
			return;
		}
		for (Field field : raw.getDeclaredFields()) {
			if (!Modifier.isStatic(field.getModifiers())) {
				walk(ResolvableType.forField(field, raw), typesByName, seen);
			}
		}
	}

	/** As the document names it: the schema's given name, else the simple name. */
	private static String schemaName(ResolvableType type, Class<?> raw) {
		Schema schema = raw.getAnnotation(Schema.class);
		if (schema != null && !schema.name().isEmpty()) {
			return schema.name();
		}
		StringBuilder name = new StringBuilder(raw.getSimpleName());
		for (ResolvableType argument : type.getGenerics()) {
			Class<?> resolved = argument.resolve();
			name.append(resolved == null ? "Object" : resolved.getSimpleName());
		}
		return name.toString();
	}

}
