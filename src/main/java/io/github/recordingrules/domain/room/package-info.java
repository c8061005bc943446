/**
 * The room aggregate: presence registers, the recording ledger and the events that change them
 * (docs/SPEC.md §4 and §7). Every change goes through {@link io.github.recordingrules.domain.room.Room}.
 */
package io.github.recordingrules.domain.room;
