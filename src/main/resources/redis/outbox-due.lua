-- The outbox (RedisOutbox, docs/SPEC.md §11.1.5).
-- KEYS: due index. ARGV: max.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now), 'WITHSCORES',
  'LIMIT', 0, tonumber(ARGV[1]))
return {string.format('%.0f', now), due}
