package dev.cairn.runtime.model;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cache markers beyond those the provider's builder sets. For Anthropic, the model marks tools and
 * system blocks ({@link AnthropicModels}); this marks the run's input, the first user message,
 * which follows them and never changes, so the cached prefix reaches to the end of the input. Later
 * turns are not marked: LangChain4j 1.11 cannot mark tool results, and marks elsewhere would move
 * with every step.
 */
final class PromptCaching {
  private static final Map<String, Object> EPHEMERAL = Map.of("cache_control", "ephemeral");

  private PromptCaching() {}

  /**
   * The request as the provider should get it.
   *
   * @param provider the provider
   * @param request the request
   * @return the request, with the input marked for providers that cache at markers
   */
  static ChatRequest prepare(String provider, ChatRequest request) {
    if (!ModelProviders.ANTHROPIC.equals(provider)) {
      return request;
    }
    List<ChatMessage> messages = new ArrayList<>(request.messages());
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i) instanceof UserMessage user) {
        messages.set(
            i,
            UserMessage.builder()
                .name(user.name())
                .contents(user.contents())
                .attributes(EPHEMERAL)
                .build());
        return request.toBuilder().messages(messages).build();
      }
    }
    return request;
  }
}
