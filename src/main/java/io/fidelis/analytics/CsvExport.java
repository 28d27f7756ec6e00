package io.fidelis.analytics;

import java.io.IOException;

import org.springframework.http.HttpHeaders;

import jakarta.servlet.http.HttpServletResponse;

/**
 * An export checked and ready to write ({@link CsvExports}): its file's name, and its rows, read only as they are
 * written.
 */
public final class CsvExport {

	/** Writes the rows, header first. */
	@FunctionalInterface
	interface Rows {
		void write(CsvWriter csv) throws IOException;
	}

	private final String fileName;
	private final Rows rows;

	CsvExport(String fileName, Rows rows) {
		this.fileName = fileName;
		this.rows = rows;
	}

	public String fileName() {
		return fileName;
	}

	/** Answers the request with the file, as a download named {@link #fileName()}, written as it is read. */
	public void writeTo(HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
		CsvWriter csv = new CsvWriter(response.getOutputStream());
		rows.write(csv);
		csv.flush();
	}
}
