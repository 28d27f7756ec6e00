package io.fidelis.tenant;

/** A newly created API key with its secret, shown once. */
public record IssuedApiKey(ApiKey apiKey, String key) {
}
