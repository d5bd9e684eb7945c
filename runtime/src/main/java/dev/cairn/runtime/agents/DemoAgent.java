package dev.cairn.runtime.agents;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cairn.runtime.security.TenantDirectory;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the bundled {@code demo} agent at startup (a no-op when unchanged): an offline,
 * scripted agent that reads the clock, does arithmetic, saves a note and answers.
 */
@ApplicationScoped
public class DemoAgent {
  private static final Logger LOG = Logger.getLogger(DemoAgent.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final AgentService agents;
  private final boolean enabled;

  /**
   * Creates the installer.
   *
   * @param agents agent service
   * @param enabled whether to publish the demo agent
   */
  public DemoAgent(
      AgentService agents,
      @ConfigProperty(name = "cairn.demo-agent.enabled", defaultValue = "true") boolean enabled) {
    this.agents = agents;
    this.enabled = enabled;
  }

  void onStart(@Observes StartupEvent event) {
    if (!enabled) {
      return;
    }
    try {
      var stored = agents.publish(TenantDirectory.PLATFORM, definition(), "system");
      LOG.infof("demo agent ready (version %d)", stored.version);
    } catch (RuntimeException e) {
      LOG.warn("could not publish the demo agent", e);
    }
  }

  static PublishAgent definition() {
    List<PublishAgent.Turn> script =
        List.of(
            new PublishAgent.Turn(
                null,
                List.of(new PublishAgent.ToolCall("clock", JSON.objectNode().toString())),
                200L),
            new PublishAgent.Turn(
                null,
                List.of(
                    new PublishAgent.ToolCall(
                        "calculator",
                        JSON.objectNode().put("expression", "(17 + 25) * 2").toString())),
                200L),
            new PublishAgent.Turn(
                null,
                List.of(
                    new PublishAgent.ToolCall(
                        "notes_put",
                        JSON.objectNode().put("key", "last-answer").put("value", "84").toString())),
                200L),
            new PublishAgent.Turn(
                "I checked the time, computed (17 + 25) * 2 = 84 and saved it as a note.",
                List.of(),
                200L));
    return new PublishAgent(
        "demo",
        "Offline demo: clock, calculator and notes, answered by a script.",
        "You are Cairn's demo agent.",
        new PublishAgent.Model("scripted", "demo-script", null, script, null),
        List.of("clock", "calculator", "notes_put", "notes_get"),
        new PublishAgent.Budget(20, 10, 100_000L, 3));
  }
}
