package io.fidelis.imports;

/**
 * What is wrong with a row of an import: the column (its name in the header), or null for the row as a whole.
 */
record RowError(String column, String message) {
}
