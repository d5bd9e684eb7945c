package dev.cairn.runtime.model;

import dev.cairn.runtime.engine.AgentSpec;
import dev.cairn.runtime.engine.RunSnapshot;
import dev.langchain4j.model.chat.ChatModel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chat model of each spec, built once per provider, model, temperature and credential and kept
 * (the step path builds nothing); scripted models are made per call from the run's script.
 */
final class ChatModels {
  private final ProviderSettings settings;
  private final ChatModelFactory factory;
  private final Map<String, ChatModel> remote = new ConcurrentHashMap<>();

  ChatModels(ProviderSettings settings, ChatModelFactory factory) {
    this.settings = settings;
    this.factory = factory;
  }

  /**
   * The chat model of a spec.
   *
   * @param spec the model
   * @param run the run (the scripted provider's position in its script)
   * @return the chat model
   */
  ChatModel forSpec(AgentSpec.ModelSpec spec, RunSnapshot run) {
    if (ModelProviders.SCRIPTED.equals(spec.provider())) {
      return new ScriptedChatModel(
          spec.script(), run.summary() == null ? 0 : run.summary().assistantTurns());
    }
    String key =
        spec.provider() + "|" + spec.name() + "|" + spec.temperature() + "|" + spec.credential();
    ChatModel model = remote.get(key);
    if (model == null) {
      model = remote.computeIfAbsent(key, k -> factory.build(spec, settings.endpoint(spec)));
    }
    return model;
  }
}
