package dev.cairn.runtime.model;

import java.util.List;

/** The model providers an agent definition may name ({@code model.provider}). */
public final class ModelProviders {
  /** In-process answers from the definition's script (tests, demos). */
  public static final String SCRIPTED = "scripted";

  /** OpenAI's API ({@code cairn.openai.*} or a named credential). */
  public static final String OPENAI = "openai";

  /** Any server speaking the OpenAI API; its base URL comes from a named credential. */
  public static final String OPENAI_COMPATIBLE = "openai-compatible";

  /** Anthropic's Messages API, with prompt caching of the stable prefix. */
  public static final String ANTHROPIC = "anthropic";

  /** Google AI Gemini. */
  public static final String GEMINI = "gemini";

  /** Amazon Bedrock through the Converse API. */
  public static final String BEDROCK = "bedrock";

  /** An Ollama server. */
  public static final String OLLAMA = "ollama";

  /** Mistral AI. */
  public static final String MISTRAL = "mistral";

  /** Azure OpenAI (the model name is the deployment name). */
  public static final String AZURE_OPENAI = "azure-openai";

  /** Every known provider, in the order error messages list them. */
  public static final List<String> KNOWN =
      List.of(
          OPENAI,
          OPENAI_COMPATIBLE,
          ANTHROPIC,
          GEMINI,
          BEDROCK,
          OLLAMA,
          MISTRAL,
          AZURE_OPENAI,
          SCRIPTED);

  private ModelProviders() {}

  /**
   * Whether the provider is known.
   *
   * @param provider a provider name
   * @return true when a definition may name it
   */
  public static boolean isKnown(String provider) {
    return KNOWN.contains(provider);
  }

  /**
   * Whether calls of the provider leave the process (and so get breakers, timings and usage).
   *
   * @param provider a known provider name
   * @return false for the scripted provider
   */
  public static boolean isRemote(String provider) {
    return !SCRIPTED.equals(provider);
  }
}
