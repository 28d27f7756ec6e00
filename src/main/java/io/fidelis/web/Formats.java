package io.fidelis.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * Dates and times as the screens show them ({@code ${@formats.dateTime(at, zone)}}), in the tenant's time zone, and the
 * shades of a heat-map.
 */
@Component("formats")
class Formats {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	public String date(Instant at, ZoneId zone) {
		return at == null ? "—" : DATE.format(at.atZone(zone));
	}

	public String dateTime(Instant at, ZoneId zone) {
		return at == null ? "—" : DATE_TIME.format(at.atZone(zone));
	}

	/** The class of a heat-map cell for a share between 0 and 1: {@code heat-0} to {@code heat-9}. */
	public String heat(BigDecimal share) {
		if (share == null) {
			return "heat-none";
		}
		return "heat-" + Math.max(0, Math.min(9, share.movePointRight(1).intValue()));
	}
}
