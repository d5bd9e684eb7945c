/**
 * MCP servers as tool sources. Servers are declared in configuration ({@code cairn.mcp.*}); their
 * tool catalogues are hashed (per tool and per server) and offered to models only once a platform
 * admin approved that exact catalogue, with the approved text. Calls go through the engine's
 * intent/result ledger like built-in tools; the side-effect class comes from Cairn's configuration,
 * never from the server. See docs/mcp.md and ADR 0028.
 */
package dev.cairn.runtime.mcp;
