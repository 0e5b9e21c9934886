/**
 * The audit trail: who changed what and when, with the state before and after. Modules
 * record changes through {@link org.rapport.audit.AuditTrail} in the same transaction as
 * the change itself.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package org.rapport.audit;
