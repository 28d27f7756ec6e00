package io.fidelis.web.admin;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.fidelis.program.Program;
import io.fidelis.program.ProgramKind;
import io.fidelis.program.Programs;
import io.fidelis.reward.Reward;
import io.fidelis.reward.RewardDefinition;
import io.fidelis.reward.RewardStatus;
import io.fidelis.reward.RewardType;
import io.fidelis.reward.Rewards;
import io.fidelis.shared.BusinessException;
import io.fidelis.tenant.AuditLog;
import io.fidelis.tenant.Operator;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A program's rewards catalog: each reward with its stock, what was issued and what is left; create and edit a
 * reward, change its stock, retire it. Edits go through {@link Rewards} as the API's do, each audited in its
 * transaction. The form has the fields operators set most; what it does not show (eligibility by labels or segments,
 * voucher code prefix and length) an edit keeps as it was.
 */
@Controller
class RewardScreens {

	private final Programs programs;
	private final Rewards rewards;
	private final Forms forms;
	private final AuditLog auditLog;
	private final TransactionOperations transactions;
	private final Clock clock;

	RewardScreens(Programs programs, Rewards rewards, Forms forms, AuditLog auditLog,
			TransactionOperations transactions, Clock clock) {
		this.programs = programs;
		this.rewards = rewards;
		this.forms = forms;
		this.auditLog = auditLog;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** A line of the catalog; {@code remaining} null: no stock limit. */
	record Row(String code, String name, RewardType type, long cost, BigDecimal cashPrice, RewardStatus status,
			Integer stock, int issued, Integer remaining) {
	}

	@GetMapping("/admin/programs/{code}/rewards")
	String catalog(Operator operator, @PathVariable String code, Model model, Locale locale) {
		Program program = programs.get(operator.tenantId(), code);
		List<Row> rows = rewards.list(operator.tenantId(), program).stream().map(reward -> {
			RewardDefinition definition = reward.definition();
			return new Row(reward.code(), definition.name(locale.getLanguage()), definition.type(), definition.cost(),
					definition.cashPrice(), reward.status(clock.instant()), definition.stock(), reward.issued(),
					definition.stock() == null ? null : Math.max(0, definition.stock() - reward.issued()));
		}).toList();
		model.addAttribute("section", "programs");
		model.addAttribute("program", program);
		model.addAttribute("rewards", rows);
		return "screens/rewards";
	}

	@GetMapping("/admin/programs/{code}/rewards/new")
	String newReward(Operator operator, @PathVariable String code, Model model, HttpServletResponse response) {
		String forbidden = Forms.forbiddenUnlessEditor(operator, response);
		return forbidden != null ? forbidden : form(operator, code, null, model);
	}

	@GetMapping("/admin/programs/{code}/rewards/{reward}/edit")
	String edit(Operator operator, @PathVariable String code, @PathVariable String reward, Model model,
			HttpServletResponse response) {
		String forbidden = Forms.forbiddenUnlessEditor(operator, response);
		return forbidden != null ? forbidden : form(operator, code, reward, model);
	}

	private String form(Operator operator, String code, String rewardCode, Model model) {
		Program program = programs.get(operator.tenantId(), code);
		Reward reward = rewardCode == null ? null : rewards.get(operator.tenantId(), program, rewardCode);
		model.addAttribute("section", "programs");
		model.addAttribute("program", program);
		model.addAttribute("reward", reward);
		model.addAttribute("form", reward == null ? RewardForm.blank() : RewardForm.of(reward, program.timeZone()));
		model.addAttribute("types", RewardType.values());
		model.addAttribute("stamps", program.kind() == ProgramKind.STAMPS);
		return "screens/reward";
	}

	@PostMapping("/admin/programs/{code}/rewards")
	String create(Operator operator, @PathVariable String code, @RequestParam MultiValueMap<String, String> form,
			RedirectAttributes redirect) {
		Program program = programs.get(operator.tenantId(), code);
		RewardDefinition definition = forms.valid(definition(form, program, Forms.text(form, "code"), null));
		if (definition.code() == null) {
			throw BusinessException.invalid("code", "is required");
		}
		Reward created = transactions.execute(tx -> {
			Reward made = rewards.create(operator.tenantId(), program, definition.code(), definition);
			auditLog.record(operator, "reward.created", "reward", made.code(),
					made.code() + " in " + program.code() + ", cost " + definition.cost(), null, made);
			return made;
		});
		redirect.addFlashAttribute("notice", created.code() + " ✓");
		return "redirect:/admin/programs/" + code + "/rewards";
	}

	@PostMapping("/admin/programs/{code}/rewards/{reward}")
	String update(Operator operator, @PathVariable String code, @PathVariable String reward,
			@RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
		Program program = programs.get(operator.tenantId(), code);
		transactions.executeWithoutResult(tx -> {
			Reward before = rewards.get(operator.tenantId(), program, reward);
			RewardDefinition definition = forms.valid(definition(form, program, reward, before.definition()));
			Reward after = rewards.update(operator.tenantId(), program, reward, definition);
			auditLog.record(operator, "reward.updated", "reward", reward, reward + " in " + program.code(), before,
					after);
		});
		redirect.addFlashAttribute("notice", reward + " ✓");
		return "redirect:/admin/programs/" + code + "/rewards";
	}

	/** Sets the stock: a number, or blank for no limit. */
	@PostMapping("/admin/programs/{code}/rewards/{reward}/stock")
	String changeStock(Operator operator, @PathVariable String code, @PathVariable String reward,
			@RequestParam(required = false) String stock, RedirectAttributes redirect) {
		Program program = programs.get(operator.tenantId(), code);
		Integer newStock = Forms.whole(Forms.blankToNull(stock), "stock");
		transactions.executeWithoutResult(tx -> {
			Reward before = rewards.get(operator.tenantId(), program, reward);
			Reward after = rewards.changeStock(operator.tenantId(), program, reward, newStock);
			auditLog.record(operator, "reward.stock-changed", "reward", reward, reward + ": stock "
					+ text(before.definition().stock()) + " → " + text(newStock), before, after);
		});
		redirect.addFlashAttribute("notice", reward + " ✓");
		return "redirect:/admin/programs/" + code + "/rewards";
	}

	@PostMapping("/admin/programs/{code}/rewards/{reward}/retire")
	String retire(Operator operator, @PathVariable String code, @PathVariable String reward,
			RedirectAttributes redirect) {
		Program program = programs.get(operator.tenantId(), code);
		transactions.executeWithoutResult(tx -> {
			Reward before = rewards.get(operator.tenantId(), program, reward);
			Reward after = rewards.retire(operator.tenantId(), program, reward);
			auditLog.record(operator, "reward.retired", "reward", reward, reward + " in " + program.code(), before,
					after);
		});
		redirect.addFlashAttribute("notice", reward + " ✓");
		return "redirect:/admin/programs/" + code + "/rewards";
	}

	private static String text(Integer stock) {
		return stock == null ? "unlimited" : stock.toString();
	}

	/**
	 * The definition the form describes; on an edit, what the form does not show is kept from {@code existing}.
	 * Fields of other types than the one chosen are left out, as the API wants them.
	 */
	private static RewardDefinition definition(MultiValueMap<String, String> form, Program program, String code,
			RewardDefinition existing) {
		ZoneId zone = program.timeZone();
		RewardType type = Forms.choice(form, "type", RewardType.class);
		String nameEn = Forms.text(form, "nameEn");
		String nameFr = Forms.text(form, "nameFr");
		String descriptionEn = Forms.text(form, "descriptionEn");
		String descriptionFr = Forms.text(form, "descriptionFr");
		RewardDefinition.Texts texts = new RewardDefinition.Texts(
				nameEn == null && descriptionEn == null ? null : new RewardDefinition.Text(nameEn, descriptionEn),
				nameFr == null && descriptionFr == null ? null : new RewardDefinition.Text(nameFr, descriptionFr));
		RewardDefinition.Discount discount = null;
		if (type == RewardType.DISCOUNT_VOUCHER) {
			RewardDefinition.Discount.Kind kind = Forms.choice(form, "discountKind", RewardDefinition.Discount.Kind.class);
			discount = new RewardDefinition.Discount(kind,
					kind == RewardDefinition.Discount.Kind.FIXED ? Forms.decimal(form, "discountAmount") : null,
					kind == RewardDefinition.Discount.Kind.PERCENT ? Forms.decimal(form, "discountPercent") : null,
					kind == RewardDefinition.Discount.Kind.PERCENT ? Forms.decimal(form, "discountMaxAmount") : null);
		}
		RewardDefinition.VoucherTerms voucher = null;
		if (type != null && type.issuesVouchers()) {
			RewardDefinition.VoucherTerms kept = existing == null ? null : existing.voucher();
			Integer validDays = Forms.whole(form, "voucherValidDays");
			BigDecimal minBasket = Forms.decimal(form, "voucherMinBasket");
			String prefix = kept == null ? null : kept.prefix();
			Integer length = kept == null ? null : kept.length();
			if (validDays != null || minBasket != null || prefix != null || length != null) {
				voucher = new RewardDefinition.VoucherTerms(prefix, length, validDays, minBasket);
			}
		}
		RewardDefinition.Cashback cashback = type != RewardType.CASHBACK_CREDIT ? null
				: new RewardDefinition.Cashback(Forms.text(form, "cashbackProgram"),
						Forms.decimal(form, "cashbackAmount"));
		RewardDefinition.Experience experience = type != RewardType.EXPERIENCE ? null
				: new RewardDefinition.Experience(moment(form, "experienceStartsAt", zone),
						moment(form, "experienceEndsAt", zone), Forms.text(form, "experienceVenue"));
		RewardDefinition.Eligibility kept = existing == null ? null : existing.eligibility();
		List<String> tiers = Forms.items(Forms.text(form, "eligibleTiers"));
		RewardDefinition.Eligibility eligibility = null;
		if (!tiers.isEmpty() || kept != null && (kept.labels() != null || kept.segments() != null)) {
			eligibility = new RewardDefinition.Eligibility(kept == null ? null : kept.labels(),
					tiers.isEmpty() ? null : tiers, kept == null ? null : kept.segments());
		}
		LocalDate lastDay = day(form, "validUntil");
		LocalDate firstDay = day(form, "validFrom");
		return new RewardDefinition(code, type,
				Forms.wholeLong(form, "cost"),
				type != null && type.issuesVouchers() ? Forms.decimal(form, "cashPrice") : null,
				firstDay == null ? null : firstDay.atStartOfDay(zone).toOffsetDateTime(),
				lastDay == null ? null : lastDay.plusDays(1).atStartOfDay(zone).toOffsetDateTime(),
				Forms.whole(form, "stock"), Forms.whole(form, "perMemberLimit"), texts, Forms.text(form, "imageUrl"),
				discount, type == RewardType.FREE_PRODUCT ? Forms.text(form, "sku") : null,
				type == RewardType.CHEAPEST_ITEM_FREE ? Forms.text(form, "category") : null, voucher, cashback,
				experience, eligibility, form.containsKey("automatic") ? Boolean.TRUE : null);
	}

	private static LocalDate day(MultiValueMap<String, String> form, String field) {
		String value = Forms.text(form, field);
		try {
			return value == null ? null : LocalDate.parse(value);
		}
		catch (DateTimeException notADate) {
			throw BusinessException.invalid(field, "must be a date such as 2026-12-31");
		}
	}

	/** A date and time typed in the program's zone ({@code 2026-12-31T19:30}). */
	private static OffsetDateTime moment(MultiValueMap<String, String> form, String field, ZoneId zone) {
		String value = Forms.text(form, field);
		try {
			return value == null ? null : LocalDateTime.parse(value).atZone(zone).toOffsetDateTime();
		}
		catch (DateTimeException notADateTime) {
			throw BusinessException.invalid(field, "must be a date and time such as 2026-12-31T19:30");
		}
	}

	/** The form's fields as text, from a reward or blank for a new one; dates in the program's zone. */
	record RewardForm(String code, String type, String cost, String cashPrice, String validFrom, String validUntil,
			String stock, String perMemberLimit, String nameEn, String descriptionEn, String nameFr,
			String descriptionFr, String imageUrl, String discountKind, String discountAmount, String discountPercent,
			String discountMaxAmount, String sku, String category, String voucherValidDays, String voucherMinBasket,
			String cashbackProgram, String cashbackAmount, String experienceStartsAt, String experienceEndsAt,
			String experienceVenue, String eligibleTiers, boolean automatic) {

		static RewardForm blank() {
			return new RewardForm("", "discount_voucher", "", "", "", "", "", "", "", "", "", "", "", "fixed", "", "",
					"", "", "", "", "", "", "", "", "", "", "", false);
		}

		static RewardForm of(Reward reward, ZoneId zone) {
			RewardDefinition d = reward.definition();
			RewardDefinition.Discount discount = d.discount();
			RewardDefinition.VoucherTerms voucher = d.voucher();
			RewardDefinition.Cashback cashback = d.cashback();
			RewardDefinition.Experience experience = d.experience();
			return new RewardForm(reward.code(), d.type().name().toLowerCase(Locale.ROOT), String.valueOf(d.cost()),
					plain(d.cashPrice()),
					d.validFrom() == null ? "" : d.validFrom().atZoneSameInstant(zone).toLocalDate().toString(),
					d.validUntil() == null ? ""
							: d.validUntil().atZoneSameInstant(zone).minusNanos(1).toLocalDate().toString(),
					d.stock() == null ? "" : d.stock().toString(),
					d.perMemberLimit() == null ? "" : d.perMemberLimit().toString(),
					d.texts().en() == null ? "" : d.texts().en().name(),
					d.texts().en() == null || d.texts().en().description() == null ? ""
							: d.texts().en().description(),
					d.texts().fr() == null ? "" : d.texts().fr().name(),
					d.texts().fr() == null || d.texts().fr().description() == null ? ""
							: d.texts().fr().description(),
					d.imageUrl() == null ? "" : d.imageUrl(),
					discount == null ? "fixed" : discount.kind().name().toLowerCase(Locale.ROOT),
					discount == null ? "" : plain(discount.amount()), discount == null ? "" : plain(discount.percent()),
					discount == null ? "" : plain(discount.maxAmount()), d.sku() == null ? "" : d.sku(),
					d.category() == null ? "" : d.category(),
					voucher == null || voucher.validDays() == null ? "" : voucher.validDays().toString(),
					voucher == null ? "" : plain(voucher.minBasket()),
					cashback == null ? "" : cashback.program(), cashback == null ? "" : plain(cashback.amount()),
					experience == null ? "" : local(experience.startsAt(), zone),
					experience == null ? "" : local(experience.endsAt(), zone),
					experience == null || experience.venue() == null ? "" : experience.venue(),
					d.eligibility() == null || d.eligibility().tiers() == null ? ""
							: String.join(", ", d.eligibility().tiers()),
					Boolean.TRUE.equals(d.automatic()));
		}

		private static String plain(BigDecimal amount) {
			return amount == null ? "" : amount.toPlainString();
		}

		private static String local(OffsetDateTime at, ZoneId zone) {
			return at == null ? "" : at.atZoneSameInstant(zone).toLocalDateTime().toString();
		}
	}
}
