/**
 * Classes whose static initialisation leaves what a native image refuses in its heap, and one that
 * does not, so that {@code StaticInitialisationTest} shows its check failing where it should. Test
 * sources only; nothing uses them.
 */
package io.github.recordingrules.heapfixture;
