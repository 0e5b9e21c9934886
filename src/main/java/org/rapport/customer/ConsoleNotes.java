package org.rapport.customer;

import java.util.UUID;

/**
 * Staff notes as the console writes them: the note is stored with its author and time and
 * returned as the page shows it.
 */
interface ConsoleNotes {

	CustomerConsoleProfile.NoteLine add(UUID customerId, String body);

}
