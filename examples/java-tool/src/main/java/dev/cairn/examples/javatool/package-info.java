/**
 * Example tools written in Java (docs/java-tools.md): {@link
 * dev.cairn.examples.javatool.UnitConverterTool} implements Cairn's tool SPI, {@link
 * dev.cairn.examples.javatool.TicketTools} holds a LangChain4j {@code @Tool} method.
 */
package dev.cairn.examples.javatool;
