package io.fidelis.web.admin;

import java.io.Serializable;
import java.util.function.Supplier;

import org.springframework.web.servlet.support.RequestContextUtils;

import io.fidelis.shared.BusinessException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A long form refused keeps what the operator typed: it goes back to the page it came from in the flash, beside the
 * reason {@code ScreenModel} puts there, and that page shows it instead of the saved values.
 */
final class RefusedForms {

	/** The flash attribute, and the model attribute the form's page reads. */
	static final String FORM = "form";

	private RefusedForms() {
	}

	static <T> T keptIfRefused(Serializable form, HttpServletRequest request, Supplier<T> change) {
		try {
			return change.get();
		}
		catch (BusinessException refused) {
			RequestContextUtils.getOutputFlashMap(request).put(FORM, form);
			throw refused;
		}
	}
}
