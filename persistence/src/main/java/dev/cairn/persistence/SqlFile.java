package dev.cairn.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads SQL statements kept as resource files under {@code dev/cairn/persistence/sql}, so SQL is
 * reviewed as SQL and not buried in Java strings.
 */
public final class SqlFile {
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private SqlFile() {}

  /**
   * Returns the statement stored as {@code name.sql}.
   *
   * @param name file name without extension
   * @return the statement text
   */
  public static String load(String name) {
    return CACHE.computeIfAbsent(name, SqlFile::read);
  }

  private static String read(String name) {
    String path = "sql/" + name + ".sql";
    try (InputStream in = SqlFile.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing SQL resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
