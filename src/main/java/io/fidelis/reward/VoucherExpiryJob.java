package io.fidelis.reward;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.fidelis.jobs.Job;
import io.fidelis.jobs.JobSchedule;
import io.fidelis.jobs.JobSteps;
import io.fidelis.ledger.Explanation;
import io.fidelis.ledger.ExplanationTexts;
import io.fidelis.ledger.Ledger;
import io.fidelis.ledger.WriteOff;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;

/**
 * Every hour, vouchers that expired unused are marked so, and the points they cost move from redemption to
 * breakage: the program's numbers then tell what members used from what they lost. One transaction per voucher;
 * a voucher burnt or cancelled meanwhile is left alone.
 */
@Component
class VoucherExpiryJob implements Job {

	/** Sanity: a run takes this many vouchers at most; the next run takes the rest. */
	private static final int BATCH = 10_000;

	private final Vouchers vouchers;
	private final Redemptions redemptions;
	private final Rewards rewards;
	private final Programs programs;
	private final Ledger ledger;
	private final TransactionTemplate transaction;

	VoucherExpiryJob(Vouchers vouchers, Redemptions redemptions, Rewards rewards, Programs programs, Ledger ledger,
			PlatformTransactionManager transactionManager) {
		this.vouchers = vouchers;
		this.redemptions = redemptions;
		this.rewards = rewards;
		this.programs = programs;
		this.ledger = ledger;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	@Override
	public String name() {
		return "reward.voucher-expiry";
	}

	@Override
	public JobSchedule schedule() {
		return JobSchedule.every(Duration.ofHours(1));
	}

	@Override
	public String run(Instant now) {
		List<Vouchers.Due> due = vouchers.expiredBy(now, BATCH);
		AtomicInteger expired = new AtomicInteger();
		JobSteps.forEach(name(), "vouchers", due, Vouchers.Due::code, voucher -> {
			if (Boolean.TRUE.equals(transaction.execute(status -> expire(voucher, now)))) {
				expired.incrementAndGet();
			}
		});
		return "expired %d unused vouchers".formatted(expired.get());
	}

	private boolean expire(Vouchers.Due due, Instant now) {
		Voucher voucher = vouchers.lock(due.tenant(), due.code());
		if (voucher.status(now) != VoucherStatus.EXPIRED || voucher.storedStatus() != VoucherStatus.ISSUED) {
			return false;
		}
		vouchers.markExpired(voucher);
		Redemption redemption = redemptions.get(due.tenant(), voucher.redemptionId());
		long points = redemption.points() / redemption.quantity();
		if (points > 0) {
			Program program = programs.get(due.tenant(), rewards.get(due.tenant(), voucher.rewardId()).programId());
			ledger.writeOff(new WriteOff(due.tenant(), program.id(), voucher.memberId(), points,
					"voucher-expiry:" + voucher.code(), voucher.expiresAt(), new Explanation("voucher.expired",
							Map.of("voucher", voucher.code(), "points", Long.toString(points), ExplanationTexts.UNIT,
									program.kind().unit()))));
		}
		return true;
	}
}
