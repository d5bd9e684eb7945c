package dev.cairn.runtime.engine;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Approval records bound to the exact call: the hash covers the run, the step that asked, the tool
 * and the normalized arguments, so an approval can neither apply to other arguments nor be replayed
 * onto another call.
 */
public final class Approvals {
  private Approvals() {}

  /**
   * The hash an approval of this call is bound to.
   *
   * @param runId the run
   * @param seq the step that asks for approval
   * @param call the call
   * @return hex SHA-256
   */
  public static String hash(UUID runId, int seq, ToolCallRequest call) {
    // The leading newline keeps the hashes of approvals recorded by earlier versions valid.
    return CanonicalJson.sha256Hex(
        "\n"
            + runId
            + "|"
            + seq
            + "|"
            + call.name()
            + "|"
            + CommitMapper.argumentsJson(call.arguments()));
  }

  /**
   * A deterministic id for the approval record of a call (the decider stays pure).
   *
   * @param runId the run
   * @param seq the step that asks for approval
   * @param call the call
   * @return the id
   */
  public static UUID id(UUID runId, int seq, ToolCallRequest call) {
    return UUID.nameUUIDFromBytes(
        ("approval|" + runId + "|" + seq + "|" + call.id()).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The unused approval record of this call whose hash matches the call as it is now.
   *
   * @param run the run
   * @param call the pending call
   * @return the record, if any
   */
  public static Optional<ToolApproval> find(RunSnapshot run, ToolCallRequest call) {
    for (ToolApproval a : run.control().approvals()) {
      if (a.toolCallId().equals(call.id())
          && !ToolApproval.USED.equals(a.state())
          && a.argumentsHash().equals(hash(run.id(), a.seq(), call))) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
