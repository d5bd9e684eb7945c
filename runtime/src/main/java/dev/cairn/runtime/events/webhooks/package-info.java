/**
 * Webhook subscriptions: tenants subscribe URLs to event types; the dispatcher (the {@code
 * webhooks} consumer of the run event log) turns events into deliveries, and delivery workers sign
 * each CloudEvent (HMAC-SHA256 over a timestamp and the body), post it, retry with backoff and give
 * up into a dead-letter state after the last attempt. Targets pass the egress guard when registered
 * and again before every attempt. See docs/events-webhooks.md and ADR 14.
 */
package dev.cairn.runtime.events.webhooks;
