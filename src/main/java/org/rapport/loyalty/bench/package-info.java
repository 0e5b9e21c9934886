/**
 * The nightly-jobs benchmark of the loyalty engine ({@code bench-loyalty}): set-based
 * synthetic members and ledgers on a fresh embedded database, then activation, expiry and
 * tier re-qualification timed.
 */
package org.rapport.loyalty.bench;
