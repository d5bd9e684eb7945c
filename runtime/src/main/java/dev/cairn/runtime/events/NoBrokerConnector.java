package dev.cairn.runtime.events;

import io.smallrye.reactive.messaging.connector.OutboundConnector;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Flow;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

/**
 * The {@code cairn-events} channel's connector when no broker is configured (the default): it opens
 * no connection and refuses every message. The relay does not run with it, so nothing is sent;
 * events stay in the log for SSE and webhooks.
 */
@ApplicationScoped
@Connector(NoBrokerConnector.NAME)
public class NoBrokerConnector implements OutboundConnector {
  /** The connector's name in configuration. */
  public static final String NAME = "cairn-no-broker";

  @Override
  public Flow.Subscriber<? extends Message<?>> getSubscriber(Config config) {
    return new Flow.Subscriber<Message<?>>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(Message<?> message) {
        message.nack(new IllegalStateException("no broker is configured for cairn-events"));
      }

      @Override
      public void onError(Throwable failure) {}

      @Override
      public void onComplete() {}
    };
  }
}
