package io.fidelis.web;

import static io.fidelis.tenant.Permission.*;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;

import io.fidelis.tenant.Operators;
import jakarta.servlet.DispatcherType;

/**
 * The operators' side: log-in by e-mail and password, a session kept in the database (Spring Session JDBC, so any
 * instance serves any request), CSRF tokens on every form and htmx request, and each page open to the roles whose
 * permissions it needs. The API ({@code /api/**}) is not here: it authenticates each request by its key
 * ({@code tenant.ApiKeyAuthentication}) and keeps no session.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class OperatorSecurity {

	/**
	 * No inline script or style anywhere: a member's name that got past the escaping could still run nothing.
	 */
	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	/** The paths of the screens, which this configuration secures; the rest is the API's or the public site's. */
	private static final String[] SCREENS = { "/admin", "/admin/**", "/pos", "/pos/**", "/login", "/logout" };

	static boolean isScreen(String uri) {
		return uri.equals("/admin") || uri.startsWith("/admin/") || uri.equals("/pos") || uri.startsWith("/pos/")
				|| uri.equals("/login") || uri.equals("/logout");
	}

	@Bean
	HttpFirewall screensFirewall() {
		return new ScreensFirewall();
	}

	@Bean
	SecurityFilterChain operatorPages(HttpSecurity http, Operators operators) throws Exception {
		SavedRequestAwareAuthenticationSuccessHandler toRequestedPage = new SavedRequestAwareAuthenticationSuccessHandler();
		toRequestedPage.setDefaultTargetUrl("/admin");
		LoginUrlAuthenticationEntryPoint toLogIn = new LoginUrlAuthenticationEntryPoint("/login");
		http.securityMatcher(SCREENS)
			.authorizeHttpRequests(pages -> pages
				.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
				.requestMatchers("/login", "/admin/assets/**").permitAll()
				.requestMatchers("/pos", "/pos/**").hasAuthority(SERVE_AT_TILL.name())
				.requestMatchers("/admin/forbidden").authenticated()
				.requestMatchers(HttpMethod.POST, "/admin/members/*/adjustments").hasAuthority(ADJUST_POINTS.name())
				.requestMatchers(HttpMethod.POST, "/admin/members/**").hasAuthority(EDIT_MEMBERS.name())
				.requestMatchers(HttpMethod.GET, "/admin/members", "/admin/members/**").hasAuthority(VIEW_MEMBERS.name())
				.requestMatchers(HttpMethod.POST, "/admin/programs/**").hasAuthority(EDIT_PROGRAMS.name())
				.requestMatchers(HttpMethod.GET, "/admin/programs", "/admin/programs/**").hasAuthority(VIEW_PROGRAMS.name())
				.requestMatchers("/admin/data").hasAnyAuthority(IMPORT_DATA.name(), EXPORT_DATA.name())
				.requestMatchers("/admin/data/imports", "/admin/data/imports/**").hasAuthority(IMPORT_DATA.name())
				.requestMatchers("/admin/data/exports", "/admin/data/exports/**").hasAuthority(EXPORT_DATA.name())
				.requestMatchers("/admin/api-keys", "/admin/api-keys/**").hasAuthority(MANAGE_API_KEYS.name())
				.requestMatchers("/admin/operators", "/admin/operators/**").hasAuthority(MANAGE_OPERATORS.name())
				.requestMatchers("/admin/audit", "/admin/audit/**").hasAuthority(VIEW_AUDIT_LOG.name())
				.requestMatchers("/admin/jobs", "/admin/jobs/**").hasAuthority(RUN_JOBS.name())
				.requestMatchers(HttpMethod.POST, "/admin/dashboard/costs").hasAuthority(EDIT_PROGRAMS.name())
				.requestMatchers("/admin", "/admin/dashboard/**", "/admin/account", "/admin/account/**")
				.hasAuthority(VIEW_DASHBOARD.name())
				// A page not named above is open to no one: forgetting a rule hides a page rather than exposing it.
				.anyRequest().denyAll())
			.formLogin(form -> form.loginPage("/login")
				.usernameParameter("email")
				.successHandler((request, response, authentication) -> {
					if (authentication.getAuthorities().stream()
						.anyMatch(granted -> granted.getAuthority().equals(VIEW_DASHBOARD.name()))) {
						toRequestedPage.onAuthenticationSuccess(request, response, authentication);
					}
					else {
						response.sendRedirect("/pos");
					}
				})
				.failureHandler((request, response, failure) -> response.sendRedirect(
						failure instanceof LockedException ? "/login?locked"
								: failure instanceof DisabledException ? "/login?disabled" : "/login?error")))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.exceptionHandling(failures -> failures
				.authenticationEntryPoint((request, response, failure) -> {
					if (request.getHeader("HX-Request") != null) {
						// An htmx request of an expired session: the whole page goes to the log-in, not a fragment.
						response.setHeader("HX-Redirect", "/login");
						response.setStatus(401);
					}
					else {
						toLogIn.commence(request, response, failure);
					}
				})
				.accessDeniedPage("/admin/forbidden"))
			.headers(headers -> headers.contentSecurityPolicy(policy -> policy.policyDirectives(CONTENT_SECURITY_POLICY)))
			.addFilterAfter(new CurrentOperatorFilter(operators), SecurityContextHolderFilter.class);
		return http.build();
	}
}
