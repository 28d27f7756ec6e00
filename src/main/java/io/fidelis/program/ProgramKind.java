package io.fidelis.program;

/** What a program's unit is: points, stamps on a card, or cashback credit (money kept for the member). */
public enum ProgramKind {
	POINTS, STAMPS, CASHBACK
}
