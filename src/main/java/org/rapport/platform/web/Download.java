package org.rapport.platform.web;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

/**
 * The headers of a file streamed as a download: its type in UTF-8, an attachment with the
 * file's name, and never kept by a cache (the files hold customers' data).
 */
public final class Download {

	private Download() {
	}

	public static void start(HttpServletResponse response, String mediaType, String fileName) {
		response.setContentType(mediaType + ";charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
	}

}
