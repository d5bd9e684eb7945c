package dev.cairn.runtime.scheduler;

import dev.cairn.persistence.store.RunnableSignal;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Holds one dedicated connection that LISTENs for runnable runs and wakes the claim loop at once.
 * Reconnects after failures; the scheduler tick covers any gap.
 */
@ApplicationScoped
public class RunnableListener {
  private static final Logger LOG = Logger.getLogger(RunnableListener.class);
  private final Engine engine;
  private final String url;
  private final Optional<String> username;
  private final Optional<String> password;
  private volatile boolean stopping;

  /**
   * Creates the listener.
   *
   * @param engine the engine to wake
   * @param url the datasource URL
   * @param username the datasource user
   * @param password the datasource password
   */
  public RunnableListener(
      Engine engine,
      @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
    this.engine = engine;
    this.url = url;
    this.username = username;
    this.password = password;
  }

  void onStart(@Observes StartupEvent event) {
    Thread.ofPlatform().name("cairn-listen").daemon().start(this::listenLoop);
  }

  void onStop(@Observes @Priority(0) ShutdownEvent event) {
    stopping = true;
  }

  private void listenLoop() {
    while (!stopping) {
      try (Connection connection =
          DriverManager.getConnection(url, username.orElse(null), password.orElse(null))) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + RunnableSignal.RUNNABLE_CHANNEL);
          statement.execute("LISTEN " + RunnableSignal.COMMAND_CHANNEL);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (!stopping) {
          PGNotification[] notifications = pg.getNotifications(5_000);
          if (notifications != null && notifications.length > 0 && !stopping) {
            deliver(notifications);
          }
        }
      } catch (SQLException e) {
        if (!stopping) {
          LOG.debugf("LISTEN connection lost (%s); reconnecting", e.getSQLState());
          sleep();
        }
      }
    }
  }

  private void deliver(PGNotification[] notifications) {
    boolean wake = false;
    for (PGNotification n : notifications) {
      if (RunnableSignal.COMMAND_CHANNEL.equals(n.getName())) {
        RunnableSignal.CommandNotice.parse(n.getParameter())
            .ifPresent(c -> engine.commandArrived(c.runId(), c.cancel()));
      } else {
        wake = true;
      }
    }
    if (wake) {
      engine.wake();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
