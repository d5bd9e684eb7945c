package dev.cairn.runtime.audit.chain;

/**
 * The first broken link of a chain.
 *
 * @param seq the chain position where it was found
 * @param reason why it is broken
 * @param detail what was found, in a sentence
 */
public record ChainBreak(long seq, BreakReason reason, String detail) {}
