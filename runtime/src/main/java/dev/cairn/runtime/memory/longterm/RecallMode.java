package dev.cairn.runtime.memory.longterm;

/** Which rankings a recall uses. */
public enum RecallMode {
  /** Full-text and semantic rankings fused (the default). */
  HYBRID,
  /** Full-text search alone. */
  TEXT,
  /** Embedding similarity alone. */
  SEMANTIC
}
