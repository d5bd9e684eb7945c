package dev.cairn.runtime.events.sse;

/**
 * Where a reconnecting client resumes: the last event id it received, and where it sent it.
 *
 * @param field {@code Last-Event-ID} or {@code after}, named in a problem when the id is malformed
 * @param lastEventId the id
 */
public record Resume(String field, String lastEventId) {}
