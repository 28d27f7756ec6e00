package io.fidelis.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The screens speak English and French: the browser's language first, then the one a person picks ({@code ?lang=fr}),
 * remembered in a cookie. The API's texts follow the request's {@code Accept-Language} as before.
 */
@Configuration(proxyBeanMethods = false)
class ScreenConfiguration implements WebMvcConfigurer {

	static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH);

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("FIDELIS_LANG");
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setDefaultLocaleFunction(request -> {
			Locale asked = request.getLocale();
			// The request's own locale when its language is one we speak, so that a country (fr-CA) is kept.
			return LANGUAGES.stream().anyMatch(language -> language.getLanguage().equals(asked.getLanguage())) ? asked
					: Locale.ENGLISH;
		});
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor languageChoice = new LocaleChangeInterceptor() {
			@Override
			protected Locale parseLocaleValue(String value) {
				// A language we do not speak is ignored rather than remembered.
				return LANGUAGES.stream().filter(language -> language.getLanguage().equals(value)).findFirst()
					.orElse(null);
			}
		};
		languageChoice.setParamName("lang");
		registry.addInterceptor(languageChoice).addPathPatterns("/admin", "/admin/**", "/login", "/pos", "/pos/**");
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CurrentOperator());
	}
}
