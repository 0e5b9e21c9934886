package org.rapport.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.rapport.platform.web.Languages;
import org.rapport.platform.web.StorableValues;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

@Configuration(proxyBeanMethods = false)
class PlatformConfiguration implements WebMvcConfigurer {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("rapport-lang");
		// until someone picks a language, the browser's own choice among ours, else
		// English
		resolver.setDefaultLocaleFunction((request) -> browserLanguage(request.getHeader("Accept-Language")));
		resolver.setCookieMaxAge(Duration.ofDays(365));
		return resolver;
	}

	/**
	 * The first of the console's languages an {@code Accept-Language} header asks for, by
	 * its preference weights; English when it asks for none of them or is missing.
	 */
	static Locale browserLanguage(String acceptLanguage) {
		if (acceptLanguage == null || acceptLanguage.isBlank()) {
			return Locale.ENGLISH;
		}
		try {
			Locale chosen = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), Languages.ALL);
			return (chosen == null) ? Locale.ENGLISH : chosen;
		}
		catch (IllegalArgumentException ex) {
			return Locale.ENGLISH;
		}
	}

	/**
	 * An instant in a query parameter ({@code asOf}, {@code from}): an ISO date-time with
	 * its offset, within the years the database stores ({@link StorableValues}), so a far
	 * date is refused in its parameter instead of failing in a statement or a file name.
	 * Registered after the standard formatters, so it is the one used.
	 */
	@Override
	public void addFormatters(FormatterRegistry registry) {
		registry.addConverter(String.class, Instant.class, PlatformConfiguration::instant);
	}

	static Instant instant(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		Instant at = DateTimeFormatter.ISO_DATE_TIME.parse(text.strip(), Instant::from);
		if (!StorableValues.storable(at)) {
			throw new IllegalArgumentException(StorableValues.YEAR_MESSAGE);
		}
		return at;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName("lang");
		registry.addInterceptor(interceptor);
	}

}
