package dev.cairn.tools;

/** How a tool call affects the world; decides recording and recovery. */
public enum SideEffect {
  /** No effect outside the call: safe to run again; no intent is recorded. */
  READ_ONLY,
  /** Has effects, deduplicated by the idempotency key: re-run on recovery with the same key. */
  IDEMPOTENT,
  /** Has effects that may repeat: never re-run on recovery without an operator. */
  NON_IDEMPOTENT
}
