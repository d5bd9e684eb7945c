/** The Cairn runtime application: entry point and the embedded-database default. */
package dev.cairn.runtime;
