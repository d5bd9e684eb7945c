package dev.cairn.runtime.config;

/**
 * This replica's lease owner name: the configured node id plus the process id, so a restarted
 * process never mistakes its predecessor's leases for its own.
 *
 * @param id the owner name
 */
public record NodeIdentity(String id) {}
