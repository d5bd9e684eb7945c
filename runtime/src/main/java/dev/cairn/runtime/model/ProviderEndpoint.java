package dev.cairn.runtime.model;

import java.time.Duration;

/**
 * Where and with which secrets one provider is called, resolved from configuration. Its text form
 * names no secret, so it is safe in any message.
 *
 * @param baseUrl the base URL or endpoint, or null for the provider's public default
 * @param apiKey the API key (Bedrock: access key id), or null
 * @param secretKey the secret going with the key (Bedrock: secret access key), or null
 * @param region the cloud region (Bedrock), or null
 * @param timeout the request timeout
 */
public record ProviderEndpoint(
    String baseUrl, String apiKey, String secretKey, String region, Duration timeout) {

  @Override
  public String toString() {
    return "ProviderEndpoint[baseUrl="
        + baseUrl
        + ", region="
        + region
        + ", timeout="
        + timeout
        + ", apiKey="
        + (apiKey == null ? "unset" : "set")
        + "]";
  }
}
