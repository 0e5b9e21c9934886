package org.rapport.interaction;

/**
 * Where a chunk's write waits for its turn before each stage when several chunks of a run
 * are written at once ({@link ImportTurns}); {@link #NONE} when chunks are written one at
 * a time.
 */
interface ImportTurn {

	/** One chunk at a time: no waiting, the path as proposed. */
	ImportTurn NONE = new ImportTurn() {
	};

	/**
	 * Waits until the chunk before has finished this stage (and every stage before it).
	 * @throws ImportTurns.Stopped when a chunk before this one failed
	 */
	default void to(ImportTurns.Stage stage) {
	}

	/** The path of the chunk's interactions, given the one the caller proposes. */
	default ImportStaging.Path path(ImportStaging.Path proposed) {
		return proposed;
	}

	/** Tells whether the chunk's interactions met keys stored before. */
	default void keysTaken(boolean taken) {
	}

}
