/**
 * Classes that break each rule of {@code ArchitectureTest} on purpose, so that the test shows every rule
 * failing where it should. Test sources only; nothing uses them.
 */
package io.github.recordingrules.archfixture;
