package dev.cairn.runtime.mcp;

/** What became of an approval request. */
public enum ApproveOutcome {
  /** The catalogue is approved; its tools are offered. */
  APPROVED,
  /** No server of that name is configured. */
  UNKNOWN_SERVER,
  /** The server is not running, so there is no live catalogue to approve. */
  UNAVAILABLE,
  /** The live catalogue's hash is not the one given (it changed meanwhile). */
  HASH_CHANGED
}
