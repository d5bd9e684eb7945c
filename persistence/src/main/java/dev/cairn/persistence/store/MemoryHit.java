package dev.cairn.persistence.store;

import java.util.UUID;

/**
 * A recall candidate with its score in one ranking (text rank or cosine similarity).
 *
 * @param itemId the item
 * @param score higher is better
 */
public record MemoryHit(UUID itemId, double score) {}
