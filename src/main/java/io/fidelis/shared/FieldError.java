package io.fidelis.shared;

/** One invalid field of a request: its JSON path ({@code items[2].quantity}) and what is wrong with it. */
public record FieldError(String field, String message) {
}
