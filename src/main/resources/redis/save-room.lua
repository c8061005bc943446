-- Compare-and-set of one room (docs/SPEC.md §8.2, §8.6): the room is written whole or not at all.
-- KEYS[1]  the room's hash
-- ARGV[1]  the version the caller read ('0': the room must not exist yet)
-- ARGV[2]  the schema version the caller writes
-- ARGV[3]  the room's document in that schema
-- ARGV[4]  the room's new time to live in milliseconds ('0' keeps the current one)
-- ARGV[5]  the deadline, in milliseconds since the epoch: by Redis's clock (TIME), the script applies nothing
--          later than that, so a write Redis stalled past it (a failover, CLIENT PAUSE) is dropped, not applied
--          after the caller has given up and answered 503 (docs/SPEC.md §9.3)
-- Answers {1, new version} when written;
--         {0, version, schema, document} on a version conflict, the current state, so the caller need not
--         read again ({0, '0'} when the room is gone);
--         {-1, schema} when the room is stored in a newer schema than the caller's: it is never written back
--         by an older version, which answers 503 until a version that reads the schema serves;
--         {-2} when the deadline has passed.

-- 1. Checks: nothing is written unless all pass.
local now = redis.call('TIME')
if tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) > tonumber(ARGV[5]) then
  return {-2}
end
local stored = redis.call('HMGET', KEYS[1], 'v', 'sv', 'd', 's')
local version = stored[1] or '0'
local schema = tonumber(stored[2] or '1')
if schema > tonumber(ARGV[2]) then
  return {-1, tostring(schema)}
end
if version ~= ARGV[1] then
  local document = stored[3] or stored[4]
  if document then return {0, version, tostring(schema), document} end
  return {0, version}
end

-- 2. The room. Schema 1 kept the document in 's': writing migrates it.
local next = tonumber(version) + 1
redis.call('HSET', KEYS[1], 'v', next, 'sv', ARGV[2], 'd', ARGV[3])
redis.call('HDEL', KEYS[1], 's')

-- 3. Whatever else commits with the room belongs here, after the checks and before the expiry.

-- 4. Expiry.
local ttl = tonumber(ARGV[4])
if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
return {1, next}
