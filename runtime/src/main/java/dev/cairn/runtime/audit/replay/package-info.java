/**
 * Recorded replay: folds a run's checkpoints through the engine's pure decider and applier, feeding
 * each step the model answers, tool results and operator commands it recorded, and checks every
 * decision and state against the record. Makes no model or tool call; reads only.
 */
package dev.cairn.runtime.audit.replay;
