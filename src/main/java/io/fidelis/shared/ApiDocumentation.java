package io.fidelis.shared;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The OpenAPI description at {@code /v3/api-docs}: what integrators read and generate clients from. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	@Bean
	OpenAPI fidelisOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Fidelis API")
				.version("v1")
				.description("""
						Loyalty programs on a double-entry ledger. Authenticate with `Authorization: Bearer <api key>`. \
						Every POST and PATCH carries an `Idempotency-Key` header, except events, whose \
						`transactionId` is their key: a replay answers the first answer with \
						`Idempotent-Replayed: true`. Failures are RFC 9457 `application/problem+json`.""")
				.license(new License().name("Apache-2.0")))
			.components(new Components().addSecuritySchemes("apiKey",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description("An API key")))
			.addSecurityItem(new SecurityRequirement().addList("apiKey"));
	}
}
