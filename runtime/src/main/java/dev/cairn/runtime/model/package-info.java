/**
 * The model gateway: LangChain4j chat models per provider (OpenAI, OpenAI-compatible, Anthropic,
 * Gemini, Bedrock, Ollama, Mistral, Azure OpenAI, scripted), resolved from configuration by name,
 * built once and called one attempt at a time; the mapping of a run's conversation to chat
 * messages; usage and prompt-cache accounting; the classification of provider errors; routing over
 * a definition's fallbacks and A/B variants, and the variant report.
 */
package dev.cairn.runtime.model;
