package dev.cairn.persistence.store;

/**
 * One conversation message of a run.
 *
 * @param idx position in the conversation, from 0
 * @param seq checkpoint seq of the step that appended it (0 for the input)
 * @param role SYSTEM, USER, ASSISTANT or TOOL
 * @param content text content, may be null for an assistant message with only tool calls
 * @param toolCallsJson tool calls of an assistant message (JSON array) or null
 * @param toolCallId for TOOL messages, the call answered
 * @param toolName for TOOL messages, the tool's name
 */
public record MessageRow(
    int idx,
    int seq,
    String role,
    String content,
    String toolCallsJson,
    String toolCallId,
    String toolName) {}
