/**
 * The {@link io.github.recordingrules.application.RoomStore} in Redis (standalone or Cluster): the key
 * layout ({@code RedisKeys}), the scripts ({@code src/main/resources/redis/*.lua}), the stored room in
 * fields of a schema of this adapter's own ({@code RoomParts}; the documents of older schemas,
 * {@code RoomDocuments}) and what an instance recalls of rooms ({@code RecalledRooms}) (docs/SPEC.md §8).
 */
package io.github.recordingrules.adapter.redis;
