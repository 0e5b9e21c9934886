/**
 * Synthetic data: a deterministic generator of realistic customers in several locales,
 * with purchase histories, the {@code generate} command, the demo data set loaded on an
 * empty demo installation and the benchmarks ({@code bench customers},
 * {@code bench interactions}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package org.rapport.demo;
