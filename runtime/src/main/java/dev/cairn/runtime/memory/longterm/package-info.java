/**
 * Long-term memory (ADR 23, docs/memory.md): versioned items per tenant, agent and namespace,
 * written by the agent's step tools ({@code remember}, {@code forget}) in their step's commit and
 * by people over the API with an expected version; recalled by hybrid ranking of full-text search
 * and in-process embeddings; readable as of any step of a run.
 */
package dev.cairn.runtime.memory.longterm;
