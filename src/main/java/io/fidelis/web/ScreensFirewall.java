package io.fidelis.web;

import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Spring Security's strict firewall for the screens only. The API ({@code /api/**}) and the error pages stay as they
 * were before Spring Security came: they answer any request, however malformed its path or headers, with a problem
 * of their own, where the strict firewall would refuse it with a bare 400, or throw from inside a controller when a
 * header with an unusual character is read (a 500).
 */
class ScreensFirewall implements HttpFirewall {

	private final StrictHttpFirewall strict = new StrictHttpFirewall();

	@Override
	public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
		if (OperatorSecurity.isScreen(request.getRequestURI())) {
			return strict.getFirewalledRequest(request);
		}
		return new FirewalledRequest(request) {
			@Override
			public void reset() {
				// Nothing was changed to undo.
			}
		};
	}

	@Override
	public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
		// Refuses a CR or LF in a header the application writes: harmless to the API, which writes none.
		return strict.getFirewalledResponse(response);
	}
}
