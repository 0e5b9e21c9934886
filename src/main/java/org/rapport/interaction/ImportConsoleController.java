package org.rapport.interaction;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The import screen: upload a file (streamed to a temporary file, then imported in the
 * background), watch its progress (an htmx fragment polled every second until the run
 * ends) with its first rejected rows, download all the rejected rows as CSV, and see the
 * recent runs. Rejected rows read in the page's language.
 */
@Controller
class ImportConsoleController {

	/** The rejected rows the page of a run shows; the report has them all. */
	static final int SHOWN_REJECTIONS = 20;

	/** A rejected row as the page shows it: its line and why, in the page's language. */
	record RejectedRow(long line, String reason) {
	}

	private final InteractionImports imports;

	private final MessageSource messages;

	ImportConsoleController(InteractionImports imports, MessageSource messages) {
		this.messages = messages;
		this.imports = imports;
	}

	/**
	 * A small file in the CSV layout, to start from: two purchases of customers named by
	 * e-mail and phone, one of two rows (the same order reference), and a refused call.
	 * The identities are examples: imported as they are, they need unknown identities to
	 * become prospects.
	 */
	static final String SAMPLE_CSV = """
			identity_type,identity_value,kind,channel,occurred_at,order_reference,total,currency,store,external_id
			EMAIL,ana.garcia@example.com,purchase,store,2024-05-01T10:15:30Z,A-1001,59.90,EUR,Madrid,
			PHONE,+34 600 123 456,purchase,web,2024-05-03,W-2001,24.50,EUR,,
			EMAIL,ana.garcia@example.com,call,phone,2024-05-04T18:00:00Z,,,,,call-7781
			""";

	@GetMapping("/imports")
	@PreAuthorize("hasAuthority('import:run')")
	String list(Model model) {
		model.addAttribute("errors", Map.of());
		model.addAttribute("source", "");
		model.addAttribute("format", ImportFormat.CSV);
		model.addAttribute("unknownIdentities", ImportOptions.UnknownIdentities.CONFIGURED);
		return page(model);
	}

	private String page(Model model) {
		model.addAttribute("jobs", this.imports.recent(20));
		model.addAttribute("formats", ImportFormat.values());
		model.addAttribute("columns",
				java.util.Arrays.stream(CsvInteractionReader.Column.values())
					.map(CsvInteractionReader.Column::header)
					.toList());
		return "interaction/imports";
	}

	@GetMapping(value = "/imports/sample.csv", produces = "text/csv")
	@PreAuthorize("hasAuthority('import:run')")
	org.springframework.http.ResponseEntity<String> sample() {
		return org.springframework.http.ResponseEntity.ok()
			.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"rapport-import-sample.csv\"")
			.contentType(new org.springframework.http.MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.body(SAMPLE_CSV);
	}

	@PostMapping("/imports")
	@PreAuthorize("hasAuthority('import:run')")
	String upload(@RequestParam("file") MultipartFile file, @RequestParam(defaultValue = "CSV") ImportFormat format,
			@RequestParam(required = false) String source,
			@RequestParam(defaultValue = "CONFIGURED") ImportOptions.UnknownIdentities unknownIdentities, Model model,
			HttpServletResponse response) throws IOException {
		try {
			return start(file, format, source, unknownIdentities);
		}
		catch (ApiException ex) {
			if (ex.status() != org.springframework.http.HttpStatus.BAD_REQUEST) {
				throw ex;
			}
			// the form again with what was chosen and why it was refused
			response.setStatus(422);
			model.addAttribute("errors", ex.fieldProblems().isEmpty() ? Map.of("file", ex.detail(this.messages))
					: ex.messagesByField(this.messages));
			model.addAttribute("source", (source == null) ? "" : source);
			model.addAttribute("format", format);
			model.addAttribute("unknownIdentities", unknownIdentities);
			return page(model);
		}
	}

	private String start(MultipartFile file, ImportFormat format, String source,
			ImportOptions.UnknownIdentities unknownIdentities) throws IOException {
		if (file.isEmpty()) {
			throw ApiException.invalid("file",
					Text.of("interaction.import.empty-file", "choose a file that is not empty"));
		}
		Path temp = Files.createTempFile("rapport-import-", ".upload");
		try (InputStream in = file.getInputStream()) {
			Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
		}
		String name = file.getOriginalFilename() == null ? "upload"
				: Path.of(file.getOriginalFilename()).getFileName().toString();
		UUID id;
		try {
			id = this.imports.start(temp, name, new ImportOptions(format, source, unknownIdentities, 0), true);
		}
		catch (RuntimeException ex) {
			Files.deleteIfExists(temp);
			throw ex;
		}
		return "redirect:/imports/" + id;
	}

	@GetMapping("/imports/{id}")
	@PreAuthorize("hasAuthority('import:run')")
	String view(@PathVariable UUID id, Model model) {
		show(job(id), model);
		return "interaction/import";
	}

	@GetMapping("/imports/{id}/progress")
	@PreAuthorize("hasAuthority('import:run')")
	String progress(@PathVariable UUID id, Model model) {
		show(job(id), model);
		return "interaction/import :: progress";
	}

	private void show(ImportJobView job, Model model) {
		Locale locale = LocaleContextHolder.getLocale();
		List<RejectedRow> rejections = (job.rejected() == 0) ? List.of()
				: this.imports.firstRejections(job.id(), SHOWN_REJECTIONS)
					.stream()
					.map((r) -> new RejectedRow(r.line(), r.reason(this.messages, locale)))
					.toList();
		model.addAttribute("job", job);
		model.addAttribute("rejections", rejections);
	}

	@GetMapping("/imports/{id}/errors.csv")
	@PreAuthorize("hasAuthority('import:run')")
	void errors(@PathVariable UUID id, HttpServletResponse response) throws IOException {
		ImportJobView job = job(id);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + reportName(job.fileName()) + "\"");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		Writer out = response.getWriter();
		out.write(ImportReportCsv.HEADER);
		Locale locale = LocaleContextHolder.getLocale();
		this.imports.rejections(id, (r) -> {
			try {
				out.write(ImportReportCsv.row(r, this.messages, locale));
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
		out.flush();
	}

	/**
	 * The name of a run's error report: {@code import-errors-} and the imported file's
	 * name without its extension ({@code purchases.csv} gives
	 * {@code import-errors-purchases.csv}), in characters every file system takes.
	 */
	static String reportName(String fileName) {
		String name = (fileName == null) ? "" : fileName;
		int dot = name.lastIndexOf('.');
		if (dot > 0) {
			name = name.substring(0, dot);
		}
		name = name.replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT);
		return "import-errors" + (name.isEmpty() ? "" : "-" + name) + ".csv";
	}

	private ImportJobView job(UUID id) {
		return this.imports.job(id)
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("interaction.import.not-found", "Import {0} does not exist", id)));
	}

	@ExceptionHandler(ApiException.class)
	String refused(ApiException ex, Model model, HttpServletResponse response) {
		response.setStatus(ex.status().value());
		model.addAttribute("status", ex.status().value());
		model.addAttribute("detail", ex.detail(this.messages));
		return "error";
	}

}
