/**
 * Server-Sent Events: live streams of run events read from the event log in PostgreSQL, one per run
 * or per tenant, resumable with Last-Event-ID on any replica. A shared poller reads for all open
 * streams in short queries; each stream buffers a bounded number of events for its client.
 */
package dev.cairn.runtime.events.sse;
