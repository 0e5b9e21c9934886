package org.rapport.analytics;

import org.springframework.stereotype.Component;

/**
 * The learned parts of a run, applied after the rule-based scores: value predictions,
 * one-to-class classes and the explanatory churn model. Shared by the full recompute and
 * the incremental update.
 */
@Component
record Learners(PredictionWriter predictions, ClassWriter classes, ChurnModelWriter churn) {
}
