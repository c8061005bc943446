-- Compare-and-set of one room (docs/SPEC.md §8.2, §8.6), and the outbound messages the change causes
-- (§11.1.4): the room and its messages are written whole or not at all.
-- KEYS[1]  the room's hash
-- KEYS[2]  the room's outbox state; KEYS[3..] its other outbox keys, which expire with the room
--          (OutboxKeys.expiringWithRoom; a queue is KEYS[2] .. ':' .. destination, as OutboxKeys.queue)
-- ARGV[1]  the version the caller read ('0': the room must not exist yet)
-- ARGV[2]  the schema version the caller writes
-- ARGV[3]  the room's document in that schema
-- ARGV[4]  the room's new time to live in milliseconds ('0' keeps the current one)
-- ARGV[5]  the deadline, in milliseconds since the epoch: by Redis's clock (TIME), the script applies nothing
--          later than that, so a write Redis stalled past it (a failover, CLIENT PAUSE) is dropped, not applied
--          after the caller has given up and answered 503 (docs/SPEC.md §9.3)
-- ARGV[6]  the latest time (µs, Redis's clock) the messages may be committed, '0' for none: within the window
--          of the room's due index entry (§11.1.5)
-- ARGV[7]  the number of messages, then per message: its destination, its at-most-once key ('' for none),
--          its JSON
-- Answers {1, new version} when written;
--         {0, version, schema, document} on a version conflict, the current state, so the caller need not
--         read again ({0, '0'} when the room is gone);
--         {-1, schema} when the room is stored in a newer schema than the caller's: it is never written back
--         by an older version, which answers 503 until a version that reads the schema serves;
--         {-2} when the deadline has passed;
--         {2} when the messages' time has passed.
-- Neither of the last three writes anything.

-- 1. Checks: nothing is written unless all pass.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
if math.floor(now / 1000) > tonumber(ARGV[5]) then
  return {-2}
end
local count = tonumber(ARGV[7])
local notAfter = tonumber(ARGV[6])
if notAfter > 0 and now > notAfter then
  return {2}
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

-- 3. The outbox: the messages, appended to the room's queues in commit order, each
-- "<sequence> <commit time µs> <json>"; a message whose at-most-once key was used already is dropped.
for i = 0, count - 1 do
  local destination, once, body = ARGV[8 + 3 * i], ARGV[9 + 3 * i], ARGV[10 + 3 * i]
  if once == '' or redis.call('HSETNX', KEYS[2], 'once:' .. once, 1) == 1 then
    local sequence = redis.call('HINCRBY', KEYS[2], 'seq:' .. destination, 1)
    redis.call('RPUSH', KEYS[2] .. ':' .. destination, sequence .. ' ' .. string.format('%.0f', now) .. ' ' .. body)
  end
end

-- 4. Expiry: the room's, and its outbox's with it.
local ttl = tonumber(ARGV[4])
if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
if count > 0 or (ttl > 0 and redis.call('EXISTS', KEYS[2]) == 1) then
  local left = redis.call('PTTL', KEYS[1])
  if left > 0 then
    for k = 2, #KEYS do
      if redis.call('EXISTS', KEYS[k]) == 1 then redis.call('PEXPIRE', KEYS[k], left) end
    end
  end
end
return {1, next}
