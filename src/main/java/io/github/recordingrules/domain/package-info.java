/**
 * The domain core: plain Java, no framework, no I/O. Shared value rules live here: SID shapes
 * ({@link io.github.recordingrules.domain.Sids}), size limits ({@link io.github.recordingrules.domain.Limits})
 * and wire spellings ({@link io.github.recordingrules.domain.WireName}).
 */
package io.github.recordingrules.domain;
