package dev.cairn.runtime.engine;

import dev.cairn.tools.SideEffect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Test-data builder for run snapshots: {@code aRun().withPending(...).build()}. */
final class RunBuilder {
  private final UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
  private RunStatus status = RunStatus.RUNNING;
  private int stepCount = 0;
  private RunSnapshot.Usage usage = new RunSnapshot.Usage(0, 0, 0, 0);
  private int invalidToolCalls = 0;
  private int retryAttempt = 0;
  private int recoveries = 0;
  private List<ToolCallRequest> pending = List.of();
  private final List<Message> messages = new ArrayList<>();
  private Optional<OpenIntent> intent = Optional.empty();
  private List<String> tools = List.of("calculator", "webhook", "charge");
  private AgentSpec.Budget budget = new AgentSpec.Budget(100, 50, 1_000_000, 3);
  private AgentSpec.Approvals approvalRule = null;
  private String waitReason = null;
  private Instant wakeAt = null;
  private Instant deadline = null;
  private long costMicros = 0;
  private Reservation reserved = Reservation.NONE;
  private boolean reservationFresh = true;
  private final List<ToolApproval> approvals = new ArrayList<>();
  private ModelPrice price = ModelPrice.FREE;
  private AgentSpec.ResultSpec result = null;

  private RunBuilder() {
    messages.add(new Message(0, 0, Message.Role.USER, "hello", List.of(), null, null));
  }

  static RunBuilder aRun() {
    return new RunBuilder();
  }

  RunBuilder status(RunStatus value) {
    status = value;
    return this;
  }

  RunBuilder steps(int value) {
    stepCount = value;
    return this;
  }

  RunBuilder usage(int modelCalls, long tokens) {
    usage = new RunSnapshot.Usage(modelCalls, 0, tokens, 0);
    return this;
  }

  RunBuilder invalidToolCalls(int value) {
    invalidToolCalls = value;
    return this;
  }

  RunBuilder retryAttempt(int value) {
    retryAttempt = value;
    return this;
  }

  RunBuilder recoveries(int value) {
    recoveries = value;
    return this;
  }

  RunBuilder pending(ToolCallRequest... calls) {
    pending = List.of(calls);
    return this;
  }

  RunBuilder openIntent(ToolCallRequest call, SideEffect sideEffect) {
    intent = Optional.of(new OpenIntent(stepCount + 1, call, sideEffect, 1));
    return this;
  }

  RunBuilder tools(String... names) {
    tools = List.of(names);
    return this;
  }

  RunBuilder requireApproval(AgentSpec.Approvals value) {
    approvalRule = value;
    return this;
  }

  RunBuilder waiting(String reason, Instant at) {
    status = RunStatus.WAITING;
    waitReason = reason;
    wakeAt = at;
    return this;
  }

  RunBuilder deadline(Instant value) {
    deadline = value;
    return this;
  }

  RunBuilder cost(long micros) {
    costMicros = micros;
    return this;
  }

  RunBuilder reserved(Reservation value, boolean fresh) {
    reserved = value;
    reservationFresh = fresh;
    return this;
  }

  RunBuilder approval(ToolApproval value) {
    approvals.add(value);
    return this;
  }

  RunBuilder price(ModelPrice value) {
    price = value;
    return this;
  }

  RunBuilder result(AgentSpec.ResultSpec value) {
    result = value;
    return this;
  }

  RunBuilder budget(AgentSpec.Budget value) {
    budget = value;
    return this;
  }

  RunSnapshot build() {
    AgentSpec spec =
        new AgentSpec(
            "test",
            "system",
            new AgentSpec.ModelSpec("scripted", "s", null, List.of(), null),
            tools,
            budget,
            approvalRule,
            null,
            null,
            null,
            result);
    return new RunSnapshot(
        id,
        "default",
        "tester",
        1,
        spec,
        status,
        7,
        stepCount,
        usage,
        invalidToolCalls,
        retryAttempt,
        recoveries,
        pending,
        List.copyOf(messages),
        intent,
        "prev",
        Instant.parse("2026-01-01T00:00:00Z"),
        new RunSnapshot.Control(
            waitReason,
            wakeAt,
            budget,
            deadline,
            costMicros,
            reserved,
            reservationFresh,
            List.copyOf(approvals),
            null,
            price));
  }
}
