package dev.cairn.it;

import dev.cairn.testing.FakeOpenAiServer;
import dev.cairn.testing.FakeOpenAiServer.ChatCall;
import dev.cairn.testing.FakeOpenAiServer.Reply;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scripted agent of the crash scenarios: webhook, then calculator, then a final answer, i.e.
 * five steps per run (model, tool, model, tool, model).
 *
 * <p>The script decides by the conversation in the request, not by call order, so it answers a
 * repeated call (after a crash) the same way. Each answer is delayed by 300-400 ms, derived from
 * the run and step so that a schedule replays, to leave kills time to land mid-call.
 */
final class CrashyAgent {

  static final String NAME = "crashy";
  static final int STEPS_PER_RUN = 5;

  private static final Pattern RUN_INPUT = Pattern.compile("run-\\d+");

  private CrashyAgent() {}

  /** The agent definition to publish. */
  static String definition() {
    return """
    {"name":"%s","systemPrompt":"You are a test agent.",
     "model":{"provider":"openai","name":"fake-model"},
     "tools":["webhook","calculator"],"budget":{"maxSteps":50}}
    """
        .formatted(NAME);
  }

  /** The input of the i-th run, e.g. {@code run-7}. */
  static String input(int index) {
    return "run-" + index;
  }

  /** Answers chat calls as the script says. */
  static FakeOpenAiServer.Responder responder() {
    return responder(CrashyAgent::delay);
  }

  /**
   * Answers chat calls as the script says, each after the delay the function gives for its run and
   * model step.
   */
  static FakeOpenAiServer.Responder responder(Function<RunStep, Duration> delay) {
    return call -> {
      RunStep step = runStep(call);
      Reply reply =
          switch (call.toolResultCount()) {
            case 0 ->
                Reply.toolCall(
                    "webhook",
                    "{\"event\":\"step\",\"payload\":{\"run\":\"" + step.input() + "\"}}");
            case 1 -> Reply.toolCall("calculator", "{\"expression\":\"6*7\"}");
            default -> Reply.text("done " + step.input());
          };
      return reply.withDelay(delay.apply(step));
    };
  }

  /**
   * Which run and model step a request belongs to. The run is recognised by the {@code run-N} token
   * in the first user message, whatever wrapping the runtime gives the input.
   */
  static RunStep runStep(ChatCall call) {
    String text = call.firstUserText() == null ? "" : call.firstUserText();
    Matcher matcher = RUN_INPUT.matcher(text);
    return new RunStep(matcher.find() ? matcher.group() : text, call.assistantCount());
  }

  /** The checkpoint seq that records the answer of a model step: model steps are 1, 3, 5. */
  static int seqOfModelStep(int step) {
    return 2 * step + 1;
  }

  private static Duration delay(RunStep step) {
    return Duration.ofMillis(300 + Math.floorMod(step.hashCode(), 101));
  }
}
