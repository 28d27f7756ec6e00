package io.fidelis.tenant;

import java.util.Currency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * For automation: {@code FIDELIS_BOOTSTRAP_TENANT=<slug>} with {@code FIDELIS_BOOTSTRAP_API_KEY=<key>} makes sure
 * that tenant and that key exist, so a script can start Fidelis and call it with a key it already knows. Running it
 * again changes nothing, and so does running it in several instances that start at once on one database.
 */
@Component
class TenantBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(TenantBootstrap.class);
	private static final int MIN_KEY_LENGTH = 24;

	private final Tenants tenants;
	private final ApiKeys apiKeys;
	private final TransactionOperations transactions;
	private final String slug;
	private final String key;

	TenantBootstrap(Tenants tenants, ApiKeys apiKeys, TransactionOperations transactions,
			@Value("${fidelis.bootstrap.tenant:}") String slug, @Value("${fidelis.bootstrap.api-key:}") String key) {
		this.tenants = tenants;
		this.apiKeys = apiKeys;
		this.transactions = transactions;
		this.slug = slug;
		this.key = key;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (slug.isBlank()) {
			return;
		}
		if (key.length() < MIN_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
			throw new IllegalStateException("FIDELIS_BOOTSTRAP_API_KEY must be at least " + MIN_KEY_LENGTH
					+ " printable characters when FIDELIS_BOOTSTRAP_TENANT is set");
		}
		try {
			transactions.executeWithoutResult(status -> ensureTenantAndKey());
		}
		catch (DuplicateKeyException raced) {
			// Another instance starting at the same time created the tenant or the key first. Our insert waited for its
			// transaction and failed once that committed, so a second look finds its rows.
			transactions.executeWithoutResult(status -> ensureTenantAndKey());
		}
		log.info("Bootstrap tenant '{}' is ready with the API key from FIDELIS_BOOTSTRAP_API_KEY", slug);
	}

	private void ensureTenantAndKey() {
		Tenant tenant = tenants.findBySlug(slug).orElseGet(() -> {
			log.info("Creating bootstrap tenant '{}'", slug);
			return tenants.create(slug, slug, Currency.getInstance("EUR"), "FR");
		});
		apiKeys.ensure(tenant.id(), "bootstrap", key);
	}
}
