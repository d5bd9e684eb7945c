/** Adapts the note tools' storage SPI to the persistence module. */
package dev.cairn.runtime.notes;
