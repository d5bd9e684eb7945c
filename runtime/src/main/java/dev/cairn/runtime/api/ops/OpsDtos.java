package dev.cairn.runtime.api.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.runtime.control.Approval;
import dev.cairn.runtime.control.BulkService;
import dev.cairn.runtime.control.Command;
import dev.cairn.runtime.control.InboxItem;
import dev.cairn.runtime.engine.CommandKind;
import dev.cairn.runtime.engine.Json;

/** Maps the services' records to response records. */
final class OpsDtos {
  private OpsDtos() {}

  static CommandResponse command(Command r) {
    return new CommandResponse(
        r.id(),
        r.runId(),
        r.seq(),
        r.kind(),
        r.state(),
        json(r.payloadJson()),
        r.actor(),
        r.createdAt(),
        r.appliedAt(),
        r.outcome());
  }

  static ApprovalResponse approval(Approval r) {
    return new ApprovalResponse(
        r.id(),
        r.seq(),
        r.toolCallId(),
        r.tool(),
        json(r.argumentsJson()),
        r.argumentsHash(),
        r.state(),
        r.requestedAt(),
        r.decidedBy(),
        r.decidedAt(),
        r.reason());
  }

  static InboxItemResponse inboxItem(InboxItem i) {
    return new InboxItemResponse(
        i.category(),
        i.runId(),
        i.agent(),
        i.status(),
        i.reason(),
        i.approvalId(),
        i.tool(),
        i.since(),
        i.runCreatedAt());
  }

  static BulkResponse bulk(CommandKind kind, BulkService.Result r) {
    return new BulkResponse(
        kind.name(),
        r.dryRun(),
        r.matched(),
        r.sample().stream().map(s -> new BulkResponse.Run(s.id(), s.status())).toList(),
        r.accepted().size(),
        r.skipped().size(),
        r.accepted().stream()
            .map(a -> new BulkResponse.Accepted(a.runId(), a.commandId()))
            .toList(),
        r.skipped().stream().map(s -> new BulkResponse.Skipped(s.runId(), s.reason())).toList());
  }

  private static JsonNode json(String text) {
    return text == null ? null : Json.parse(text);
  }
}
