package dev.cairn.runtime.api.audit;

import dev.cairn.runtime.api.dev.AgentRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A fork request.
 *
 * @param atSeq the original's seq the fork continues after (0: the run as submitted)
 * @param agentVersion another version of the same agent, or null
 * @param model a model replacing the definition's for the fork, or null
 * @param editedMessage a conversation message to replace, or null
 */
public record ForkRequestBody(
    @NotNull @Min(0) @Max(Integer.MAX_VALUE) Integer atSeq,
    @Min(1) @Max(Integer.MAX_VALUE) Integer agentVersion,
    @Valid AgentRequest.Model model,
    @Valid EditedMessage editedMessage) {

  /**
   * A replaced message.
   *
   * @param index its index in the conversation at the fork point (0 is the first)
   * @param content its new text (at most 64 KiB)
   */
  public record EditedMessage(
      @NotNull @Min(0) @Max(1_000_000) Integer index,
      @NotNull @Size(max = 65_536) String content) {}
}
