/**
 * The {@link io.github.recordingrules.application.RoomStore} in Redis (standalone or Cluster): the key
 * layout ({@code RedisKeys}), the scripts ({@code src/main/resources/redis/*.lua}) and the stored room
 * document, a schema of this adapter's own (docs/SPEC.md §8).
 */
package io.github.recordingrules.adapter.redis;
