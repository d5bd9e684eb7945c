/**
 * A run's history read for auditors in bounded batches: checkpoints, step summaries, operator
 * commands and approvals, each walked by keyset so a long run never sits in memory.
 */
package dev.cairn.runtime.audit.history;
