package io.fidelis.earning;

import java.math.BigDecimal;

/** One line of a purchase's basket. */
record PurchaseItem(String sku, String category, BigDecimal quantity, long unitPriceMinor) {
}
