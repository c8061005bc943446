/**
 * The {@link io.github.recordingrules.application.RoomStore} in Redis (standalone or Cluster): keys,
 * the compare-and-set scripts and the stored room document.
 */
package io.github.recordingrules.adapter.redis;
