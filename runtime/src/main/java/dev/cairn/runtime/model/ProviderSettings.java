package dev.cairn.runtime.model;

import dev.cairn.runtime.config.CairnConfig;
import dev.cairn.runtime.engine.AgentSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Resolves a model's endpoint and keys from configuration: the definition's named credential
 * ({@code cairn.credentials.<name>.*}) when it names one, else the provider's defaults ({@code
 * cairn.providers.<provider>.*}, and {@code cairn.openai.*} for {@code openai}). Also says, at
 * publish time, why a model choice cannot work with this configuration.
 */
@ApplicationScoped
public class ProviderSettings {
  private static final String OPENAI_URL = "https://api.openai.com/v1";

  private final CairnConfig.OpenAi openAi;
  private final Map<String, CairnConfig.Credential> credentials;
  private final Map<String, CairnConfig.Credential> providers;

  /**
   * Creates the settings.
   *
   * @param config configuration
   */
  public ProviderSettings(CairnConfig config) {
    this.openAi = config.openai();
    this.credentials = config.credentials();
    this.providers = config.providers();
  }

  /**
   * Why a provider and credential cannot be used here, if they cannot.
   *
   * @param provider the provider named by a definition
   * @param credential the credential named by a definition, or null
   * @return the problem and the field it concerns ({@code provider} or {@code credential}), or
   *     empty when the choice works
   */
  public Optional<Problem> problem(String provider, String credential) {
    if (!ModelProviders.isKnown(provider)) {
      return Optional.of(
          new Problem(
              "provider",
              "unknown provider '" + provider + "'; known providers: " + ModelProviders.KNOWN));
    }
    if (credential != null) {
      if (!ModelProviders.isRemote(provider)) {
        return Optional.of(new Problem("credential", "the scripted provider takes no credential"));
      }
      if (!credentials.containsKey(credential)) {
        return Optional.of(
            new Problem(
                "credential",
                "no credential '"
                    + credential
                    + "' is configured; configured: "
                    + new TreeSet<>(credentials.keySet())));
      }
    }
    if (ModelProviders.OPENAI_COMPATIBLE.equals(provider)
        && (credential == null || credentials.get(credential).baseUrl().isEmpty())) {
      return Optional.of(
          new Problem(
              "credential",
              "provider openai-compatible needs a credential whose base URL is configured"
                  + " (cairn.credentials.<name>.base-url)"));
    }
    if (ModelProviders.AZURE_OPENAI.equals(provider)
        && settings(provider, credential).flatMap(CairnConfig.Credential::baseUrl).isEmpty()) {
      return Optional.of(
          new Problem(
              "credential",
              "provider azure-openai needs its resource endpoint: configure"
                  + " cairn.credentials.<name>.base-url or cairn.providers.azure-openai.base-url"));
    }
    return Optional.empty();
  }

  /**
   * The endpoint of a model.
   *
   * @param spec the model
   * @return its endpoint
   * @throws IllegalStateException when the named credential is not configured
   */
  public ProviderEndpoint endpoint(AgentSpec.ModelSpec spec) {
    if (spec.credential() != null && !credentials.containsKey(spec.credential())) {
      throw new IllegalStateException(
          "provider credential '" + spec.credential() + "' is not configured");
    }
    Optional<CairnConfig.Credential> own = settings(spec.provider(), spec.credential());
    boolean openAiDefaults =
        ModelProviders.OPENAI.equals(spec.provider()) && spec.credential() == null;
    String baseUrl = own.flatMap(CairnConfig.Credential::baseUrl).orElse(null);
    String apiKey = own.flatMap(CairnConfig.Credential::apiKey).orElse(null);
    if (openAiDefaults) {
      baseUrl = baseUrl != null ? baseUrl : openAi.baseUrl().orElse(null);
      apiKey = apiKey != null ? apiKey : openAi.apiKey().orElse(null);
    }
    if (ModelProviders.OPENAI.equals(spec.provider())) {
      baseUrl = baseUrl != null ? baseUrl : OPENAI_URL;
    }
    Duration timeout = own.flatMap(CairnConfig.Credential::timeout).orElse(openAi.timeout());
    return new ProviderEndpoint(
        baseUrl,
        apiKey,
        own.flatMap(CairnConfig.Credential::secretKey).orElse(null),
        own.flatMap(CairnConfig.Credential::region).orElse(null),
        timeout);
  }

  private Optional<CairnConfig.Credential> settings(String provider, String credential) {
    return Optional.ofNullable(
        credential != null ? credentials.get(credential) : providers.get(provider));
  }

  /**
   * Why a model choice cannot work.
   *
   * @param field the field under {@code model.} it concerns
   * @param message what is wrong, naming no secret
   */
  public record Problem(String field, String message) {}
}
