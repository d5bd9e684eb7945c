package dev.cairn.runtime.model;

import dev.cairn.testing.FakeOpenAiServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Two fake OpenAI-compatible providers behind two named credentials ({@code primary-p} and {@code
 * backup-p}), each answering with its own name, plus the prices and breaker settings the routing
 * tests rely on.
 */
public class RoutingProviders implements QuarkusTestResourceLifecycleManager {
  /** The provider behind {@code primary-p}. */
  static FakeOpenAiServer primary;

  /** The provider behind {@code backup-p}. */
  static FakeOpenAiServer backup;

  /** How long a breaker stays open before it lets a probe through. */
  static final String OPEN_DELAY = "3s";

  @Override
  public Map<String, String> start() {
    primary = FakeOpenAiServer.start(call -> reply(call, "primary"));
    backup = FakeOpenAiServer.start(call -> reply(call, "backup"));
    Map<String, String> config = new HashMap<>();
    config.put("cairn.openai.base-url", primary.baseUrl());
    config.put("cairn.openai.api-key", "test-key");
    config.put("cairn.openai.timeout", "5s");
    config.put("cairn.credentials.primary-p.api-key", "sk-primary");
    config.put("cairn.credentials.primary-p.base-url", primary.baseUrl());
    config.put("cairn.credentials.backup-p.api-key", "sk-backup");
    config.put("cairn.credentials.backup-p.base-url", backup.baseUrl());
    // The breaker opens once the last two calls of a minute both failed.
    config.put("cairn.model-faults.failure-ratio", "1.0");
    config.put("cairn.model-faults.minimum-calls", "2");
    config.put("cairn.model-faults.window", "60s");
    config.put("cairn.model-faults.open-delay", OPEN_DELAY);
    config.put("cairn.tenants.submit-rate", "0");
    price(config, "cheap", "openai", "route-cheap", "1", "1");
    price(config, "dear", "openai", "route-dear", "100", "100");
    price(config, "backup", "openai", "up-backup", "3", "3");
    price(config, "ab-a", "scripted", "ab-a", "2", "4");
    price(config, "ab-b", "scripted", "ab-b", "1", "1");
    return config;
  }

  private static void price(
      Map<String, String> config,
      String entry,
      String provider,
      String model,
      String input,
      String output) {
    config.put("cairn.prices." + entry + ".provider", provider);
    config.put("cairn.prices." + entry + ".model", model);
    config.put("cairn.prices." + entry + ".input", input);
    config.put("cairn.prices." + entry + ".output", output);
  }

  /** Slow answers for inputs that ask for one, so a test can watch the call in flight. */
  private static FakeOpenAiServer.Reply reply(FakeOpenAiServer.ChatCall call, String server) {
    FakeOpenAiServer.Reply reply = FakeOpenAiServer.Reply.text("answer from " + server);
    return call.firstUserText().startsWith("slow")
        ? reply.withDelay(java.time.Duration.ofSeconds(3))
        : reply;
  }

  @Override
  public void stop() {
    if (primary != null) {
      primary.close();
    }
    if (backup != null) {
      backup.close();
    }
  }
}
