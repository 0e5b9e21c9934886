package org.rapport.interaction;

/**
 * Watches an import as it runs: the job after every stored chunk, and every rejected line
 * as soon as its chunk is stored.
 */
public interface ImportListener {

	ImportListener NONE = new ImportListener() {
	};

	default void progress(ImportJobView job) {
	}

	default void rejected(ImportRejection rejection) {
	}

}
