package dev.cairn.persistence.store;

/**
 * An event a change writes to the run event log; its seq is given out by the run's row.
 *
 * @param type event type without the CloudEvents prefix, e.g. {@code run.completed}
 * @param dataJson the event's data (JSON object)
 */
public record NewEvent(String type, String dataJson) {}
