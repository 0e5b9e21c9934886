package org.rapport.interaction;

/**
 * The file as a whole cannot be imported (an empty file, an unknown column in the
 * header): the job fails with this message before any row is stored.
 */
class ImportFileException extends RuntimeException {

	ImportFileException(String message) {
		super(message);
	}

}
