-- The outbox (RedisOutbox, docs/SPEC.md §11.1.5).
-- KEYS: lease, queue, state, dead letters, room. ARGV: owner, sequence, destination, reason, initial backoff ms, max backoff ms, retry period µs, jitter, give up (1/0), expiry of dead letters without a room (ms).
local function release()
  if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
end
local head = redis.call('LINDEX', KEYS[2], 0)
if not head or string.sub(head, 1, #ARGV[2] + 1) ~= ARGV[2] .. ' ' then
  release()
  return {0, 0, '0'}
end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local sequence, committed, body = string.match(head, '^(%d+) (%d+) (.*)$')
local attempts = 1
local retry = redis.call('HGET', KEYS[3], 'try:' .. ARGV[3])
if retry then
  local retried, tries = string.match(retry, '^(%d+) (%d+) ')
  if retried == sequence then attempts = tonumber(tries) + 1 end
end
if ARGV[9] == '1' or now - tonumber(committed) >= tonumber(ARGV[7]) then
  redis.call('LPOP', KEYS[2])
  redis.call('HDEL', KEYS[3], 'try:' .. ARGV[3])
  redis.call('RPUSH', KEYS[4], sequence .. ' ' .. committed .. ' ' .. string.format('%.0f', now) .. ' '
    .. attempts .. '\n' .. ARGV[4] .. '\n' .. body)
  local left = redis.call('PTTL', KEYS[5])
  redis.call('PEXPIRE', KEYS[4], left > 0 and left or ARGV[10])
  release()
  return {1, attempts, '0'}
end
local delay = math.min(tonumber(ARGV[6]), tonumber(ARGV[5]) * 2 ^ (attempts - 1)) * tonumber(ARGV[8])
local at = string.format('%.0f', now + math.floor(delay * 1000))
redis.call('HSET', KEYS[3], 'try:' .. ARGV[3], sequence .. ' ' .. attempts .. ' ' .. at)
release()
return {2, attempts, at}
