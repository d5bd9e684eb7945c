/**
 * Black-box integration tests: the packaged runtime as child JVMs on a real Postgres, a fake
 * OpenAI-compatible model server, and an idempotency-checking ledger behind the webhook tool.
 * Scenarios kill, restart and freeze runtime nodes and then check the run invariants I-1 to I-5 on
 * the database and the ledger.
 */
package dev.cairn.it;
