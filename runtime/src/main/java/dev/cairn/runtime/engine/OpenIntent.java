package dev.cairn.runtime.engine;

import dev.cairn.tools.SideEffect;

/**
 * A tool call with side effects that was started and has no recorded result: the runtime stopped
 * between the two.
 *
 * @param seq the step seq
 * @param call the call
 * @param sideEffect its side-effect class at the time
 * @param attempts how many times it was started
 */
public record OpenIntent(int seq, ToolCallRequest call, SideEffect sideEffect, int attempts) {}
