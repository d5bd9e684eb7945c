package dev.cairn.runtime.model;

import dev.cairn.runtime.engine.AgentSpec;
import dev.langchain4j.model.bedrock.BedrockChatModel;
import dev.langchain4j.model.chat.ChatModel;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;

/**
 * Builds Amazon Bedrock chat models on the Converse API. Region and endpoint override come from
 * configuration; keys are static when configured (access key id as {@code api-key}, secret as
 * {@code secret-key}), else the default AWS chain (environment, profile, instance role). The SDK
 * client retries nothing: the engine does.
 */
final class BedrockModels {
  private static final String DEFAULT_REGION = "us-east-1";

  private BedrockModels() {}

  static ChatModel build(AgentSpec.ModelSpec spec, ProviderEndpoint endpoint) {
    Region region = Region.of(endpoint.region() == null ? DEFAULT_REGION : endpoint.region());
    BedrockRuntimeClientBuilder client =
        BedrockRuntimeClient.builder()
            .region(region)
            .credentialsProvider(credentials(endpoint))
            .overrideConfiguration(
                c ->
                    c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(endpoint.timeout()));
    if (endpoint.baseUrl() != null) {
      client.endpointOverride(URI.create(endpoint.baseUrl()));
    }
    BedrockChatModel.Builder builder =
        BedrockChatModel.builder()
            .client(client.build())
            .region(region)
            .modelId(spec.name())
            .timeout(endpoint.timeout())
            .maxRetries(0);
    if (spec.temperature() != null) {
      builder.defaultRequestParameters(
          dev.langchain4j.model.bedrock.BedrockChatRequestParameters.builder()
              .temperature(spec.temperature())
              .build());
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(ProviderEndpoint endpoint) {
    if (endpoint.apiKey() != null && endpoint.secretKey() != null) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(endpoint.apiKey(), endpoint.secretKey()));
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
