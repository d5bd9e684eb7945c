/**
 * The model gateway: LangChain4j chat models per provider (OpenAI-compatible, scripted), the
 * mapping of a run's conversation to chat messages, the classification of provider errors, routing
 * over a definition's fallbacks and A/B variants, and the variant report.
 */
package dev.cairn.runtime.model;
