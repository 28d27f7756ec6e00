package io.fidelis.ledger;

/** What an expiry or activation run did: how many members, lots and units it moved. */
public record RunSummary(int members, int lots, long units) {
}
