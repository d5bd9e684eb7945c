package dev.cairn.runtime.mcp;

import dev.cairn.tools.SideEffect;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** MCP servers used as tool sources ({@code cairn.mcp.*}); docs/mcp.md lists the keys. */
@ConfigMapping(prefix = "cairn.mcp")
public interface McpConfig {
  /**
   * Servers by name (lower case letters, digits and '-', at most 30 characters).
   *
   * @return the servers
   */
  Map<String, Server> servers();

  /** One MCP server: a stdio command or a streamable HTTP URL. */
  interface Server {
    /**
     * The command that starts a stdio server, e.g. {@code
     * npx,-y,@modelcontextprotocol/server-memory}.
     *
     * @return the command and its arguments
     */
    Optional<List<String>> command();

    /**
     * Environment of the stdio server's process (added to the runtime's).
     *
     * @return variables by name
     */
    Map<String, String> environment();

    /**
     * The URL of a streamable HTTP server.
     *
     * @return the URL
     */
    Optional<String> url();

    /**
     * Headers sent to an HTTP server; values may reference secrets as {@code ${ENV_VAR}}. Never
     * logged or returned.
     *
     * @return headers by name
     */
    Map<String, String> headers();

    /**
     * Settings of the server's tools by the server's tool name.
     *
     * @return tool settings
     */
    Map<String, ToolSettings> tools();

    /**
     * How long one call (and the start handshake) may take.
     *
     * @return 30 s by default
     */
    @WithDefault("30s")
    Duration timeout();

    /**
     * The first wait before a failed stdio server is started again; doubled after each failed
     * start, up to {@link #maxRestartBackoff()}.
     *
     * @return 1 s by default
     */
    @WithDefault("1s")
    Duration restartBackoff();

    /**
     * The longest wait between starts of a failing server.
     *
     * @return 60 s by default
     */
    @WithDefault("60s")
    Duration maxRestartBackoff();
  }

  /** Cairn's settings for one MCP tool. */
  interface ToolSettings {
    /**
     * The tool's side-effect class, decided here and never taken from the server's hints.
     *
     * @return {@code NON_IDEMPOTENT} by default
     */
    @WithDefault("NON_IDEMPOTENT")
    SideEffect sideEffect();
  }
}
