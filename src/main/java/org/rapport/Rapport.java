package org.rapport;

import org.rapport.platform.cli.CommandLine;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/**
 * Rapport: customer memory, loyalty and analytics. The jar is both the server and a
 * command-line tool; {@link CommandLine} decides which from the first argument.
 */
@SpringBootApplication
@Modulithic(sharedModules = "platform")
public class Rapport {

	public static void main(String[] args) {
		int exit = CommandLine.run(Rapport.class, args);
		if (exit != CommandLine.KEEP_RUNNING) {
			System.exit(exit);
		}
	}

}
