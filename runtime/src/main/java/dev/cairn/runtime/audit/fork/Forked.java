package dev.cairn.runtime.audit.fork;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * A fork that was created.
 *
 * @param id the fork
 * @param forkedFrom the original
 * @param forkedAtSeq the seq it continues after
 * @param agentVersion the version it runs on
 * @param changes what it changed
 * @param lastHash the hash its copied history ends with
 */
public record Forked(
    UUID id,
    UUID forkedFrom,
    int forkedAtSeq,
    int agentVersion,
    JsonNode changes,
    String lastHash) {}
