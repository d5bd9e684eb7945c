/**
 * The worker side of a replica: the claim loop that hands claimed runs to virtual threads, the
 * LISTEN/NOTIFY wake-up, lease heartbeats, the reaper of expired leases and graceful shutdown.
 */
package dev.cairn.runtime.scheduler;
