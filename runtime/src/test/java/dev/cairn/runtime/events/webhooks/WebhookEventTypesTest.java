package dev.cairn.runtime.events.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.engine.RunStatus;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class WebhookEventTypesTest {
  @Test
  void shouldKnowTheStatusEventOfEveryStatusAStepCanLeaveARunIn() {
    for (RunStatus status : RunStatus.values()) {
      if (status == RunStatus.QUEUED || status == RunStatus.RUNNING) {
        continue; // no status event: run.step.committed says the run goes on
      }
      String type = "run." + status.name().toLowerCase(Locale.ROOT);
      assertThat(WebhookEventTypes.KNOWN).as(type).contains(type);
    }
  }

  @Test
  void shouldAcceptBothSpellingsAndNothingElse() {
    assertThat(WebhookEventTypes.normalize("run.completed")).isEqualTo("run.completed");
    assertThat(WebhookEventTypes.normalize("dev.cairn.run.completed")).isEqualTo("run.completed");
    assertThat(WebhookEventTypes.normalize("dev.cairn.")).isNull();
    assertThat(WebhookEventTypes.normalize("run.Completed")).isNull();
    assertThat(WebhookEventTypes.normalize("com.other.run.completed")).isNull();
  }
}
