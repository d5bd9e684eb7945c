/**
 * The model gateway: LangChain4j chat models per provider (OpenAI-compatible, scripted), the
 * mapping of a run's conversation to chat messages, and the classification of provider errors.
 */
package dev.cairn.runtime.model;
