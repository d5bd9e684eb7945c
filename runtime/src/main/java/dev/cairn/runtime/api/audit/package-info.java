/**
 * The audit API: reads that answer what a run did and whether the engine would do it again
 * (recorded replay, state at a seq, differences between seqs, shadow replay). Nothing here writes.
 */
package dev.cairn.runtime.api.audit;
