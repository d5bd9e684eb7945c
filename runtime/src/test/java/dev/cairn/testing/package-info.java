/**
 * Test doubles shared by the runtime's tests and the integration tests (published in the runtime's
 * test jar), such as fake model provider servers (OpenAI, Anthropic, Gemini, Ollama, Mistral,
 * Bedrock).
 */
package dev.cairn.testing;
