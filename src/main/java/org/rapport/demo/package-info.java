/**
 * Synthetic data: a deterministic generator of realistic customers in several locales,
 * the {@code generate} command, the demo data set loaded on an empty demo installation
 * and the customer benchmark ({@code bench customers}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package org.rapport.demo;
