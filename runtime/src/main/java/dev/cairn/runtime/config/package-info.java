/** Configuration mapping and the beans every part shares: clock, node identity. */
package dev.cairn.runtime.config;
