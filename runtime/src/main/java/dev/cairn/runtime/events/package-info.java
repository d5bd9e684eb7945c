/**
 * Events in and out of the runtime. Out: every change of a run is an event in the event log
 * (PostgreSQL), which the relay ({@link dev.cairn.runtime.events.EventRelay}) publishes to the
 * {@code cairn-events} channel (RabbitMQ, Kafka or AMQP 1.0; no broker by default) as CloudEvents,
 * and which {@code sse} streams and {@code webhooks} deliver. In: {@code inbound} submits runs from
 * a queue. docs/events.md.
 */
package dev.cairn.runtime.events;
