package dev.cairn.runtime.console;

import dev.cairn.runtime.api.problem.CairnException;
import dev.cairn.runtime.api.problem.TextSafety;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;

/** Validation of console parameters and the calls into services, mapping their errors. */
final class ConsoleParams {
  private ConsoleParams() {}

  static UUID id(String name, String value) {
    try {
      if (value == null || value.length() != 36) {
        throw new IllegalArgumentException();
      }
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw ConsoleException.of(CairnException.invalid(name, "not an id (UUID)"));
    }
  }

  static String text(String name, String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > max) {
      throw ConsoleException.of(CairnException.invalid(name, "longer than " + max));
    }
    String problem = TextSafety.problem(value);
    if (problem != null) {
      throw ConsoleException.of(CairnException.invalid(name, problem));
    }
    return value.strip();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Runs a service call, turning its error into the console's page of problem details. */
  static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (CairnException e) {
      throw ConsoleException.of(e);
    }
  }
}
