package dev.cairn.runtime;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Lets the embedded database stop only after every other shutdown observer has run. */
@ApplicationScoped
public class EmbeddedDatabaseStopper {
  void onStop(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
    EmbeddedDatabase.applicationStopped();
  }
}
