-- The outbox (RedisOutbox, docs/SPEC.md §11.1.5).
-- KEYS: due index. ARGV: room, observed score.
local current = redis.call('ZSCORE', KEYS[1], ARGV[1])
if current and tonumber(current) == tonumber(ARGV[2]) then
  redis.call('ZREM', KEYS[1], ARGV[1])
  return 1
end
return 0
