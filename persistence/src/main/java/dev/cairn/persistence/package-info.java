/**
 * Persistence for Cairn: Flyway schema, Panache entities for reads and definitions, and stores with
 * explicit SQL (kept in resource files) for the hot path: claims, fenced step commits, heartbeats.
 *
 * <p>This module knows nothing of the engine: it speaks in rows and plain values.
 */
package dev.cairn.persistence;
