/**
 * What an agent remembers. Short-term memory (this package): builds each model call's context
 * within the model's window (system prompt, pinned memory, the run's input, the running summary,
 * the recent turns), decides when older turns are summarised, and lays the prompt out so its prefix
 * stays cacheable. Pure parts ({@link dev.cairn.runtime.memory.ContextBuilder}, {@link
 * dev.cairn.runtime.memory.ContextPlanner}, {@link dev.cairn.runtime.memory.TokenEstimator}) plus
 * the configuration that wires them. Long-term memory and recall live in {@code longterm}.
 */
package dev.cairn.runtime.memory;
