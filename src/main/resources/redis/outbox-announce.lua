-- The outbox (RedisOutbox, docs/SPEC.md §11.1.5).
-- KEYS: due index. ARGV: room. A new entry, or a new score for the room's: it always changes.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local current = redis.call('ZSCORE', KEYS[1], ARGV[1])
if current and tonumber(current) == now then now = now + 1 end
redis.call('ZADD', KEYS[1], now, ARGV[1])
return string.format('%.0f', now)
