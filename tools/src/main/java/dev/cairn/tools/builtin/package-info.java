/** Built-in tools: clock, calculator, notes and an outbound webhook. */
package dev.cairn.tools.builtin;
