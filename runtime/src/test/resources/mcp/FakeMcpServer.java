import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A tiny MCP server over stdio (newline-delimited JSON-RPC) for tests, run with the JDK alone: {@code
 * java FakeMcpServer.java} (a single-file source program, so only JDK classes: it carries its own
 * small JSON reader and writer). Its catalogue is read once at start: the description of "echo"
 * comes from the file named by FAKE_MCP_DESCRIPTION_FILE (so a test can change it between starts).
 * Tools: echo (returns its text), slow (waits ms without holding up other requests, then answers),
 * fail (answers an error). Every call is appended to FAKE_MCP_LEDGER when set. Exits when stdin
 * closes.
 */
public final class FakeMcpServer {
  private static final PrintStream OUT = new PrintStream(System.out, false, StandardCharsets.UTF_8);
  private static final ScheduledExecutorService TIMERS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "fake-mcp-timer");
            thread.setDaemon(true);
            return thread;
          });
  private static final String LEDGER = System.getenv("FAKE_MCP_LEDGER");
  private static final Object MISSING = new Object();

  private FakeMcpServer() {}

  public static void main(String[] args) throws IOException {
    List<Object> tools = tools(echoDescription());
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          handle(Json.object(Json.parse(line)), tools);
        }
      }
    } catch (RuntimeException e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static String echoDescription() throws IOException {
    String file = System.getenv("FAKE_MCP_DESCRIPTION_FILE");
    return file != null && !file.isEmpty() && Files.exists(Path.of(file))
        ? Files.readString(Path.of(file)).strip()
        : "Echoes the text back.";
  }

  private static List<Object> tools(String echoDescription) {
    Map<String, Object> text = map("type", "string", "description", "what to echo");
    Map<String, Object> echo =
        map(
            "name",
            "echo",
            "description",
            echoDescription,
            "inputSchema",
            map("type", "object", "properties", map("text", text), "required", List.of("text")));
    Map<String, Object> slow =
        map(
            "name",
            "slow",
            "description",
            "Waits, then answers.",
            "inputSchema",
            map(
                "type",
                "object",
                "properties",
                map("ms", map("type", "integer")),
                "required",
                List.of("ms")));
    Map<String, Object> fail =
        map(
            "name",
            "fail",
            "description",
            "Always fails.",
            "inputSchema",
            map("type", "object", "properties", map()));
    return List.of(echo, slow, fail);
  }

  private static void handle(Map<String, Object> message, List<Object> tools) throws IOException {
    Object id = message.containsKey("id") ? message.get("id") : MISSING;
    Object method = message.get("method");
    if ("initialize".equals(method)) {
      Map<String, Object> params = Json.object(message.get("params"));
      answer(
          id,
          map(
              "protocolVersion",
              params.get("protocolVersion"),
              "capabilities",
              map("tools", map()),
              "serverInfo",
              map("name", "fake-mcp", "version", "1.0.0")));
    } else if ("ping".equals(method)) {
      answer(id, map());
    } else if ("tools/list".equals(method)) {
      answer(id, map("tools", tools));
    } else if ("tools/call".equals(method)) {
      call(id, Json.object(message.get("params")));
    } else if (id != MISSING) {
      send(withId(id, "error", map("code", -32601, "message", "no method")));
    }
  }

  private static void call(Object id, Map<String, Object> params) throws IOException {
    Object given = params.get("arguments");
    Map<String, Object> args = given instanceof Map<?, ?> ? Json.object(given) : map();
    if (LEDGER != null && !LEDGER.isEmpty()) {
      long pid = ProcessHandle.current().pid();
      String row = Json.write(map("pid", pid, "tool", params.get("name"), "args", args));
      synchronized (FakeMcpServer.class) {
        Files.writeString(
            Path.of(LEDGER),
            row + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
    }
    Object name = params.get("name");
    if ("echo".equals(name)) {
      answer(id, text("echo: " + shown(args.get("text")), false));
    } else if ("slow".equals(name)) {
      Object ms = args.get("ms");
      long delay = ms instanceof Number n ? Math.max(0, n.longValue()) : 0;
      TIMERS.schedule(
          () -> answer(id, text("slept " + shown(ms), false)), delay, TimeUnit.MILLISECONDS);
    } else if ("fail".equals(name)) {
      answer(id, text("it failed", true));
    } else {
      send(withId(id, "error", map("code", -32602, "message", "unknown tool")));
    }
  }

  /** A value as JavaScript's string concatenation shows it (an absent one as "undefined"). */
  private static String shown(Object value) {
    return value == null ? "undefined" : value instanceof String s ? s : Json.write(value);
  }

  private static Map<String, Object> text(String text, boolean isError) {
    return map("content", List.of(map("type", "text", "text", text)), "isError", isError);
  }

  private static void answer(Object id, Object result) {
    send(withId(id, "result", result));
  }

  private static Map<String, Object> withId(Object id, String key, Object value) {
    Map<String, Object> message = map("jsonrpc", "2.0");
    if (id != MISSING) {
      message.put("id", id);
    }
    message.put(key, value);
    return message;
  }

  private static void send(Map<String, Object> message) {
    String line = Json.write(message);
    synchronized (OUT) {
      OUT.print(line);
      OUT.print('\n');
      OUT.flush();
    }
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** Just enough JSON: objects, arrays, strings, numbers, booleans and null. */
  static final class Json {
    private final String text;
    private int at;

    private Json(String text) {
      this.text = text;
    }

    static Object parse(String text) {
      Json json = new Json(text);
      Object value = json.value();
      json.space();
      if (json.at != text.length()) {
        throw json.error("trailing characters");
      }
      return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
      if (value instanceof Map<?, ?> map) {
        return (Map<String, Object>) map;
      }
      throw new IllegalArgumentException("not a JSON object: " + value);
    }

    static String write(Object value) {
      StringBuilder out = new StringBuilder();
      write(value, out);
      return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
      if (value == null) {
        out.append("null");
      } else if (value instanceof String s) {
        string(s, out);
      } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
        out.append(value);
      } else if (value instanceof Double d) {
        out.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d);
      } else if (value instanceof Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          out.append(first ? "" : ",");
          first = false;
          string((String) entry.getKey(), out);
          out.append(':');
          write(entry.getValue(), out);
        }
        out.append('}');
      } else if (value instanceof List<?> list) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          out.append(i == 0 ? "" : ",");
          write(list.get(i), out);
        }
        out.append(']');
      } else {
        throw new IllegalArgumentException("cannot write " + value.getClass());
      }
    }

    private static void string(String s, StringBuilder out) {
      out.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }

    private Object value() {
      space();
      if (at >= text.length()) {
        throw error("unexpected end");
      }
      char c = text.charAt(at);
      return switch (c) {
        case '{' -> parseObject();
        case '[' -> parseArray();
        case '"' -> parseString();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> parseNumber();
      };
    }

    private Map<String, Object> parseObject() {
      Map<String, Object> map = new LinkedHashMap<>();
      at++;
      space();
      if (peek() == '}') {
        at++;
        return map;
      }
      while (true) {
        space();
        if (peek() != '"') {
          throw error("expected a key");
        }
        String key = parseString();
        space();
        expect(':');
        map.put(key, value());
        space();
        if (peek() == ',') {
          at++;
        } else {
          expect('}');
          return map;
        }
      }
    }

    private List<Object> parseArray() {
      List<Object> list = new ArrayList<>();
      at++;
      space();
      if (peek() == ']') {
        at++;
        return list;
      }
      while (true) {
        list.add(value());
        space();
        if (peek() == ',') {
          at++;
        } else {
          expect(']');
          return list;
        }
      }
    }

    private String parseString() {
      at++;
      StringBuilder out = new StringBuilder();
      while (true) {
        if (at >= text.length()) {
          throw error("unterminated string");
        }
        char c = text.charAt(at++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (at >= text.length()) {
          throw error("unterminated escape");
        }
        char e = text.charAt(at++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (at + 4 > text.length()) {
              throw error("short unicode escape");
            }
            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
          }
          default -> throw error("bad escape");
        }
      }
    }

    private Object parseNumber() {
      int start = at;
      while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
      String number = text.substring(start, at);
      if (number.isEmpty()) {
        throw error("unexpected character");
      }
      if (number.matches("-?\\d{1,18}")) {
        return Long.parseLong(number);
      }
      return Double.parseDouble(number);
    }

    private Object literal(String word, Object value) {
      if (!text.startsWith(word, at)) {
        throw error("unexpected literal");
      }
      at += word.length();
      return value;
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      at++;
    }

    private char peek() {
      return at < text.length() ? text.charAt(at) : '\0';
    }

    private void space() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private IllegalArgumentException error(String why) {
      return new IllegalArgumentException(why + " at " + at + " in JSON");
    }
  }
}
