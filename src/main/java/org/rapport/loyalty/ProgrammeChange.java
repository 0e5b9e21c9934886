package org.rapport.loyalty;

import java.math.BigDecimal;

/**
 * A proposed programme change to preview: new settings (e.g. a shorter expiry), a new
 * tier ladder (e.g. a tier or benefit removed), and/or {@code earnRateFactor}, the new
 * earn rate over the old one (0.8 when raising the spend ratio from 1 per 6 to 1 per
 * 7.5). Any may be null.
 */
public record ProgrammeChange(ProgrammeSettings settings, TierLadder ladder, BigDecimal earnRateFactor) {
}
