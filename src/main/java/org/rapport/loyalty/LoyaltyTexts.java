package org.rapport.loyalty;

import java.util.List;
import java.util.Locale;

import org.rapport.platform.web.Text;
import org.rapport.platform.web.Wordings;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The loyalty engine's stored sentences in the reader's language (ADR 0092): a movement's
 * reason, an earning's steps and a tier change's reason, as the console page
 * ({@code ${@loyaltyTexts.reason(...)}}) and the API (the caller's
 * {@code Accept-Language}) show them. What is stored stays English.
 */
@Component("loyaltyTexts")
public class LoyaltyTexts {

	private final MessageSource messages;

	private final JsonMapper json;

	LoyaltyTexts(MessageSource messages, JsonMapper json) {
		this.messages = messages;
		this.json = json;
	}

	/** A movement's reason in the language of the request being served. */
	public String reason(String stored) {
		return shown(LoyaltyWordings.REASONS, stored);
	}

	/**
	 * A movement's reason in the given language: a document for the member (the
	 * statement) in the member's language, whatever the staff member's page speaks.
	 */
	public String reason(String stored, Locale language) {
		return shown(LoyaltyWordings.REASONS, stored, language);
	}

	/** A step of an earning in the language of the request being served. */
	public String explanation(String stored) {
		return shown(LoyaltyWordings.EXPLANATIONS, stored);
	}

	/** A tier change's reason in the language of the request being served. */
	public String tierChange(String stored) {
		return shown(LoyaltyWordings.TIER_CHANGES, stored);
	}

	/**
	 * The movements with their reasons, and the steps of their earnings' explanations, in
	 * the language of the request being served.
	 */
	List<Movement> movements(List<Movement> movements) {
		if (english()) {
			return movements;
		}
		return movements.stream()
			.map((m) -> new Movement(m.id(), m.accountId(), m.kind(), m.available(), m.pending(), reason(m.reason()),
					m.sourceType(), m.sourceId(), m.idempotencyKey(), m.occurredAt(), m.recordedAt(),
					explained(m.explanation())))
			.toList();
	}

	/**
	 * An earning's explanation as stored (JSON text) with its steps in the language of
	 * the request being served; one that is not an earning's is given as stored.
	 */
	private String explained(String stored) {
		if (stored == null || stored.isBlank()) {
			return stored;
		}
		try {
			return this.json.writeValueAsString(earning(this.json.readValue(stored, Earning.class)));
		}
		catch (JacksonException ex) {
			return stored;
		}
	}

	/** The earning with its steps in the language of the request being served. */
	Earning earning(Earning earning) {
		if (earning == null || english()) {
			return earning;
		}
		return new Earning(earning.points(), earning.referrerPoints(),
				earning.steps()
					.stream()
					.map((s) -> new Earning.Step(s.ruleId(), s.rule(), s.kind(), s.group(), s.combination(), s.points(),
							s.counted(), explanation(s.explanation())))
					.toList());
	}

	private String shown(Wordings wordings, String stored) {
		return shown(wordings, stored, LocaleContextHolder.getLocale());
	}

	private String shown(Wordings wordings, String stored, Locale language) {
		if (stored == null || english(language)) {
			return stored;
		}
		Text text = wordings.read(stored);
		return text.in(this.messages, language);
	}

	private static boolean english() {
		return english(LocaleContextHolder.getLocale());
	}

	/** What is stored is English: read in English, it is shown as it is. */
	private static boolean english(Locale language) {
		return language == null || Locale.ENGLISH.getLanguage().equals(language.getLanguage());
	}

}
