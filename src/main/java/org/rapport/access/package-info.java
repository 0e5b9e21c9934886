/**
 * Who may do what: staff users with roles, integration clients with API keys and scopes,
 * sign-in for the console and the API. The front door is
 * {@link org.rapport.access.StaffDirectory}; {@link org.rapport.access.Role} and
 * {@link org.rapport.access.Permission} are the policy, listed in one place.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Access")
package org.rapport.access;
