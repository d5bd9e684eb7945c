/** Verification of a run's checkpoint hash chain. */
package dev.cairn.runtime.audit.checkpoints;
