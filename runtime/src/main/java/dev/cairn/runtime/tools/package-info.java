/**
 * Tools written in Java as LangChain4j {@code @Tool} methods on {@link dev.cairn.tools.CairnTools}
 * beans, adapted to Cairn's {@link dev.cairn.tools.Tool} SPI with the side-effect class their
 * author declared (docs/java-tools.md).
 */
package dev.cairn.runtime.tools;
