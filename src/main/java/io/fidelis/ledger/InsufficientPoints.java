package io.fidelis.ledger;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;

/** A debit larger than the member's available balance; nothing was written. */
public class InsufficientPoints extends BusinessException {

	public InsufficientPoints(long available, long requested) {
		super(ErrorCode.INSUFFICIENT_POINTS,
				"The available balance is " + available + ", less than the " + requested + " requested");
	}
}
