-- The outbox (RedisOutbox, docs/SPEC.md §11.1.5).
-- KEYS: lease, queue, state. ARGV: owner, sequence, lease ms, destination.
local head = redis.call('LINDEX', KEYS[2], 0)
if head and string.sub(head, 1, #ARGV[2] + 1) == ARGV[2] .. ' ' then
  redis.call('LPOP', KEYS[2])
  redis.call('HDEL', KEYS[3], 'try:' .. ARGV[4])
end
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
local left = redis.call('LLEN', KEYS[2])
if left == 0 then redis.call('DEL', KEYS[1]) else redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return left
