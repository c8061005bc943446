-- Compare-and-set of one room (docs/SPEC.md §8.2, §8.6), field by field, and the outbound messages the
-- change causes (§11.1.4): the room's fields and its messages are written whole or not at all.
-- KEYS[1]  the room's hash
-- KEYS[2]  the room's outbox state; KEYS[3..] its other outbox keys, which expire with the room
--          (OutboxKeys.expiringWithRoom; a queue is KEYS[2] .. ':' .. destination, as OutboxKeys.queue)
-- ARGV[1]  the incarnation the caller read ('' for none: a new room, or one stored before schema 5)
-- ARGV[2]  the version the caller read ('0': the room must not exist yet)
-- ARGV[3]  the schema the caller writes
-- ARGV[4]  the incarnation to give the room if it has none yet: random, so that a room stored again under
--          the same SID after it expired never matches what was read of the one before
-- ARGV[5]  the room's new time to live in milliseconds ('0' keeps the current one)
-- ARGV[6]  the deadline, in milliseconds since the epoch: by Redis's clock (TIME), the script applies nothing
--          later than that, so a write Redis stalled past it (a failover, CLIENT PAUSE) is dropped, not applied
--          after the caller has given up and answered 503 (docs/SPEC.md §9.3)
-- ARGV[7]  the latest time (µs, Redis's clock) the messages may be committed, '0' for none: within the window
--          of the room's due index entry (§11.1.5)
-- ARGV[8]  the room's SID; ARGV[9] '1' when the caller read the whole room
-- ARGV[10..] the scope the caller read (read_scope in room-read.lua), then: the number of fields to set and
--          that many name, value pairs; the number of fields to delete and their names; the number of
--          messages, then per message: its destination, its at-most-once key ('' for none), its JSON
-- Answers {1, new version, incarnation} when written;
--         {0, <what room-read.lua reads of the scope now>} when the room is not as the caller read it (another
--         write came first, or the caller's state was stale), so the caller need not read again;
--         {-1, schema} when the room is stored in a newer schema than the caller's: it is never written back
--         by an older version, which answers 503 until a version that reads the schema serves;
--         {-2} when the deadline has passed;
--         {2} when the messages' time has passed.
-- Neither of the last three writes anything.

-- 1. Checks: nothing is written unless all pass.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
if math.floor(now / 1000) > tonumber(ARGV[6]) then
  return {-2}
end
local notAfter = tonumber(ARGV[7])
if notAfter > 0 and now > notAfter then
  return {2}
end
local schema = tonumber(ARGV[3])
local stored = redis.call('HMGET', KEYS[1], 'v', 'i', 'sv')
local version = stored[1] or '0'
local storedSchema = tonumber(stored[3] or '1')
if stored[1] and storedSchema > schema then
  return {-1, tostring(storedSchema)}
end
local participants, tracks, recordings, at = read_scope(10)
if version ~= ARGV[2] or (stored[2] or '') ~= ARGV[1] then
  return read_room(KEYS[1], ARGV[8], schema, ARGV[9] == '1', participants, tracks, recordings, {0})
end

-- 2. The room: its changed fields. Schemas before 5 kept one document in 'd' ('s' for schema 1): a
-- caller that read one writes every field and deletes it.
local next = tonumber(version) + 1
local incarnation = stored[2] or ARGV[4]
local sets = tonumber(ARGV[at])
redis.call('HSET', KEYS[1], 'v', next, 'i', incarnation, 'sv', ARGV[3])
-- In batches: unpack() has a limit, and a room migrating from one document writes all its fields at once.
local batch = {}
for k = 1, sets do
  batch[#batch + 1] = ARGV[at + 2 * k - 1]
  batch[#batch + 1] = ARGV[at + 2 * k]
  if #batch == 200 or k == sets then
    redis.call('HSET', KEYS[1], unpack(batch))
    batch = {}
  end
end
at = at + 2 * sets + 1
local deletes = tonumber(ARGV[at])
if deletes > 0 then
  local names = {}
  for k = 1, deletes do names[k] = ARGV[at + k] end
  redis.call('HDEL', KEYS[1], unpack(names))
end
at = at + deletes + 1

-- 3. The outbox: the messages, appended to the room's queues in commit order, each
-- "<sequence> <commit time µs> <json>"; a message whose at-most-once key was used already is dropped.
local count = tonumber(ARGV[at])
for i = 0, count - 1 do
  local destination, once, body = ARGV[at + 1 + 3 * i], ARGV[at + 2 + 3 * i], ARGV[at + 3 + 3 * i]
  if once == '' or redis.call('HSETNX', KEYS[2], 'once:' .. once, 1) == 1 then
    local sequence = redis.call('HINCRBY', KEYS[2], 'seq:' .. destination, 1)
    redis.call('RPUSH', KEYS[2] .. ':' .. destination, sequence .. ' ' .. string.format('%.0f', now) .. ' ' .. body)
  end
end

-- 4. Expiry: the room's, and its outbox's with it.
local ttl = tonumber(ARGV[5])
if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
if count > 0 or (ttl > 0 and redis.call('EXISTS', KEYS[2]) == 1) then
  local left = redis.call('PTTL', KEYS[1])
  if left > 0 then
    for k = 2, #KEYS do
      if redis.call('EXISTS', KEYS[k]) == 1 then redis.call('PEXPIRE', KEYS[k], left) end
    end
  end
end
return {1, next, incarnation}
