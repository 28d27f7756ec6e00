package io.fidelis.analytics;

import java.time.ZoneId;

import org.springframework.stereotype.Component;

import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.TenantId;

/** The time zone whose calendar days the tenant's figures follow: its {@code points} program's, else UTC. */
@Component
class TenantZones {

	private final Programs programs;

	TenantZones(Programs programs) {
		this.programs = programs;
	}

	ZoneId zone(TenantId tenant) {
		return programs.list(tenant)
			.stream()
			.filter(program -> Programs.DEFAULT_CODE.equals(program.code()))
			.map(Program::timeZone)
			.findFirst()
			.orElse(ZoneId.of("UTC"));
	}
}
