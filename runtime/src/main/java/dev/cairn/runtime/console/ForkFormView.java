package dev.cairn.runtime.console;

/**
 * The fork form for one checkpoint.
 *
 * @param runId the original run
 * @param agent its agent
 * @param agentVersion its agent version
 * @param atSeq the seq the fork continues after (fixed)
 */
public record ForkFormView(String runId, String agent, int agentVersion, int atSeq) {}
