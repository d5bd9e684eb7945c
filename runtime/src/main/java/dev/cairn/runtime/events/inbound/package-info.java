/**
 * Runs submitted from a queue: the incoming channel {@code cairn-runs-in} (a RabbitMQ queue by
 * default) takes the JSON of {@code POST /v1/runs}, submits it for the one tenant and service actor
 * the channel is bound to, with the message id as the idempotency key, and acknowledges the message
 * only once the run is committed. A message that cannot become a run goes to {@code
 * cairn-runs-dead} with its reason; a transient failure gives it back to the broker. ADR 12.
 */
package dev.cairn.runtime.events.inbound;
