/**
 * The tool SPI: a tool has a name, a description, a JSON schema for its arguments and a side-effect
 * class that decides how the engine records and recovers its calls.
 */
package dev.cairn.tools;
