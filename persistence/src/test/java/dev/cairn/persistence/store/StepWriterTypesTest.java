package dev.cairn.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.persistence.SqlFile;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every execution of the fenced commit binds each parameter with the same type, whatever the step
 * holds (nulls or values, a tool call or none, messages and events or none). pgjdbc sends the type
 * with each execution and parses the statement again when a type changes, which gives the server a
 * second prepared statement, planned again and counted under a second query id.
 *
 * <p>The binding is recorded through a connection that only notes each setter's type: a setter kind
 * per parameter as pgjdbc maps it to a type sent to the server ({@code setString} and {@code
 * setNull(VARCHAR)} both send varchar; {@code setObject(OffsetDateTime, TIMESTAMP_WITH_TIMEZONE)}
 * and {@code setNull(TIMESTAMP_WITH_TIMEZONE)} both send timestamptz).
 */
class StepWriterTypesTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  void shouldBindTheSameTypesForAStepFullOfNullsAndAStepFullOfValues() throws Exception {
    Map<Integer, String> sparse = signature(sparseStep());
    Map<Integer, String> full = signature(fullStep());
    assertThat(sparse).hasSize(70);
    assertThat(full).isEqualTo(sparse);
  }

  @Test
  void shouldBindOneTypeSignatureForEveryStepOfAGroup() throws Exception {
    List<Map<Integer, String>> batch = batchSignatures(List.of(sparseStep(), fullStep()));
    assertThat(batch).hasSize(2);
    assertThat(batch.get(1)).isEqualTo(batch.get(0));
  }

  @Test
  void shouldTellATimestampBoundWithoutItsZoneFromOneBoundWithIt() {
    // The recorder sees a type change (negative control of the comparisons above): a null bound
    // as a plain TIMESTAMP next to values bound as timestamptz, as timestamps once were.
    assertThat(
            kind(
                "setObject",
                new Object[] {1, OffsetDateTime.now(), java.sql.Types.TIMESTAMP_WITH_TIMEZONE}))
        .isNotEqualTo(kind("setNull", new Object[] {1, java.sql.Types.TIMESTAMP}));
  }

  @Test
  void shouldCastEveryParameterThatMayBeSentWithoutAType() throws Exception {
    Map<Integer, String> casts = castsOfTheCommit();
    Map<Integer, String> sent = sentTypes(sparseStep());
    assertThat(sent).containsValue("unspecified(TIMESTAMP_WITH_TIMEZONE)");
    sent.forEach(
        (index, kind) -> {
          if (kind.startsWith("unspecified")) {
            assertThat(casts).as("parameter %s is sent without a type", index).containsKey(index);
          }
        });
  }

  /** The types the server gives the parameters: what was sent, or the cast where none was. */
  private static Map<Integer, String> signature(StepCommit step) throws Exception {
    return resolved(sentTypes(step));
  }

  private static Map<Integer, String> resolved(Map<Integer, String> sent) {
    Map<Integer, String> casts = castsOfTheCommit();
    Map<Integer, String> types = new TreeMap<>();
    sent.forEach(
        (index, kind) ->
            types.put(
                index,
                kind.startsWith("unspecified") && casts.containsKey(index)
                    ? casts.get(index)
                    : kind));
    return types;
  }

  private static Map<Integer, String> sentTypes(StepCommit step) throws Exception {
    List<Map<Integer, String>> executions = new ArrayList<>();
    StepWriter.write(recordingConnection(executions), step, true);
    assertThat(executions).hasSize(1);
    return executions.get(0);
  }

  private static List<Map<Integer, String>> batchSignatures(List<StepCommit> steps)
      throws Exception {
    List<Map<Integer, String>> executions = new ArrayList<>();
    StepWriter.writeAll(recordingConnection(executions), steps, true);
    return executions.stream().map(StepWriterTypesTest::resolved).toList();
  }

  /** Parameter number to the type commit_step.sql casts it to ({@code ?::type}). */
  private static Map<Integer, String> castsOfTheCommit() {
    String sql = SqlFile.load("commit_step").replaceAll("--[^\\n]*", "");
    Map<Integer, String> casts = new TreeMap<>();
    Matcher m = Pattern.compile("\\?(::([a-z0-9_]+(\\[\\])?))?").matcher(sql);
    int n = 0;
    while (m.find()) {
      n++;
      if (m.group(2) != null) {
        casts.put(n, m.group(2).equals("int") ? "int4" : m.group(2));
      }
    }
    assertThat(n).as("parameters of commit_step.sql").isEqualTo(70);
    return casts;
  }

  /** A connection whose statements record each bound parameter's kind, one map per execution. */
  private static Connection recordingConnection(List<Map<Integer, String>> executions) {
    AtomicReference<Map<Integer, String>> current = new AtomicReference<>(new TreeMap<>());
    Connection[] connection = new Connection[1];
    PreparedStatement ps =
        (PreparedStatement)
            Proxy.newProxyInstance(
                StepWriterTypesTest.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                  String name = method.getName();
                  if (name.startsWith("set") && args != null && args[0] instanceof Integer i) {
                    current.get().put(i, kind(name, args));
                    return null;
                  }
                  return switch (name) {
                    case "addBatch" -> {
                      executions.add(current.getAndSet(new TreeMap<>()));
                      yield null;
                    }
                    case "executeUpdate" -> {
                      executions.add(current.getAndSet(new TreeMap<>()));
                      yield 0; // fenced out: nothing else is written
                    }
                    case "executeBatch" -> new int[executions.size()];
                    case "getConnection" -> connection[0];
                    default -> null;
                  };
                });
    connection[0] =
        (Connection)
            Proxy.newProxyInstance(
                StepWriterTypesTest.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "prepareStatement" -> ps;
                      case "createArrayOf" -> array((String) args[0]);
                      default -> null;
                    });
    return connection[0];
  }

  private static Array array(String baseType) {
    return (Array)
        Proxy.newProxyInstance(
            StepWriterTypesTest.class.getClassLoader(),
            new Class<?>[] {Array.class},
            (proxy, method, args) -> method.getName().equals("getBaseTypeName") ? baseType : null);
  }

  /** The type pgjdbc sends for one setter call. */
  private static String kind(String setter, Object[] args) {
    return switch (setter) {
      case "setString" -> "varchar";
      case "setInt" -> "int4";
      case "setLong" -> "int8";
      case "setBoolean" -> "bool";
      case "setArray" -> arrayKind((Array) args[1]);
      case "setNull" -> nullKind((Integer) args[1]);
      case "setObject" -> objectKind(args);
      default -> setter;
    };
  }

  private static String arrayKind(Array array) {
    try {
      return array.getBaseTypeName() + "[]";
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String nullKind(int sqlType) {
    return switch (JDBCType.valueOf(sqlType)) {
      case VARCHAR -> "varchar";
      // Timestamps (with or without zone), Types.OTHER and the rest: pgjdbc sends no type.
      default -> "unspecified(" + JDBCType.valueOf(sqlType) + ")";
    };
  }

  private static String objectKind(Object[] args) {
    Object value = args[1];
    if (args.length > 2 && (Integer) args[2] == java.sql.Types.TIMESTAMP_WITH_TIMEZONE) {
      return value instanceof OffsetDateTime ? "timestamptz" : "timestamptz?" + value;
    }
    if (value instanceof UUID) {
      return "uuid";
    }
    return "object(" + (value == null ? "null" : value.getClass().getSimpleName()) + ")";
  }

  private static StepCommit sparseStep() {
    return new StepCommit(
        UUID.randomUUID(),
        "t",
        "replica-a",
        1,
        NOW,
        new RunUpdate(
            "RUNNING", null, null, null, null, 1, 1, 0, 10, 2, 0, 0, "[]", "h1", null, 0, 0, 0, 0,
            null, null, true, null, null),
        new CheckpointRow(
            1, "MODEL_CALL", "{}", "{}", 10, 2, "RUNNING", "{}", null, "h1", "engine", 0, null),
        List.of(),
        null,
        List.of(),
        null);
  }

  private static StepCommit fullStep() {
    return new StepCommit(
        UUID.randomUUID(),
        "t",
        "replica-a",
        7,
        NOW,
        new RunUpdate(
            "WAITING",
            "timer",
            NOW.plusSeconds(60),
            "{\"r\":1}",
            "{\"e\":1}",
            9,
            4,
            3,
            100,
            20,
            1,
            2,
            "[{\"id\":\"c\"}]",
            "h9",
            "needs a look",
            5,
            1,
            200,
            300,
            "{\"maxSteps\":10}",
            NOW.plusSeconds(3600),
            false,
            NOW.plusSeconds(30),
            NOW),
        new CheckpointRow(
            9, "TOOL_CALL", "{}", "{}", 0, 0, "WAITING", "{}", "h8", "h9", "engine", 5, "sha-256"),
        List.of(
            new MessageRow(3, 9, "TOOL", "2", null, "c", "calculator"),
            new MessageRow(4, 9, "AI", "ok", "[{\"id\":\"d\"}]", null, null)),
        new ToolCallRecord(
            "c", "calculator", "NONE", "k", "{\"expression\":\"1+1\"}", "2", false, NOW),
        List.of(new NewEvent("run.waiting", "{}")),
        null);
  }
}
