package io.fidelis.imports;

/**
 * A problem of one row of an import: its line in the file, the column as the header names it (null: the row as a
 * whole), and what is wrong.
 */
public record ImportError(int line, String column, String message) {
}
