-- The outbox (RedisOutbox, docs/SPEC.md §11.1.5).
-- KEYS: lease, queue, state. ARGV: owner, lease ms, max, destination.
if redis.call('LLEN', KEYS[2]) == 0 then
  if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
  return {0}
end
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return {1} end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local head = redis.call('LRANGE', KEYS[2], 0, tonumber(ARGV[3]) - 1)
local retry = redis.call('HGET', KEYS[3], 'try:' .. ARGV[4])
if retry then
  local sequence, attempts, at = string.match(retry, '^(%d+) (%d+) (%d+)$')
  if string.sub(head[1], 1, #sequence + 1) == sequence .. ' ' and tonumber(at) > now then
    if holder then redis.call('DEL', KEYS[1]) end
    return {2, at}
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return {3, string.format('%.0f', now), unpack(head)}
