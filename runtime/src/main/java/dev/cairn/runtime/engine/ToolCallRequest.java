package dev.cairn.runtime.engine;

/**
 * A tool call the model asked for.
 *
 * @param id the model's id for the call
 * @param name tool name as given by the model (may be unknown)
 * @param arguments arguments as JSON text as given by the model (may be malformed)
 */
public record ToolCallRequest(String id, String name, String arguments) {}
