package dev.cairn.examples.javatool;

/**
 * A support ticket.
 *
 * @param id the ticket's id, e.g. {@code T-1}
 * @param title what it is about
 * @param priority how urgent it is
 * @param idempotencyKey the key of the tool call that opened it
 */
public record Ticket(String id, String title, Priority priority, String idempotencyKey) {}
