/**
 * The model gateway: LangChain4j chat models per provider (OpenAI, OpenAI-compatible, Anthropic,
 * Gemini, Bedrock, Ollama, Mistral, Azure OpenAI, scripted), resolved from configuration by name,
 * built once and called one attempt at a time; the mapping of a run's conversation to chat
 * messages; usage and prompt-cache accounting; and the classification of provider errors.
 */
package dev.cairn.runtime.model;
