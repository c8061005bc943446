-- The account index (RedisAccountIndex, docs/SPEC.md §8.7): what every index script starts with.
-- ARGV[1] is now; trim() drops at most 64 expired entries per call, enough to keep up with expiries and
-- bounded per request.
local now = ARGV[1]
local function trim()
  local due = redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', now, 'LIMIT', 0, 64)
  for _, member in ipairs(due) do
    if string.sub(member, 1, 2) == 'RM' then
      redis.call('ZREM', KEYS[1], member)
      redis.call('ZREM', KEYS[2], member)
      local named = redis.call('HGET', KEYS[4], member)
      if named then
        redis.call('ZREM', KEYS[3], named)
        redis.call('HDEL', KEYS[4], member)
      end
    else
      redis.call('ZREM', KEYS[6], member)
      redis.call('HDEL', KEYS[7], member)
      redis.call('HDEL', KEYS[8], member)
    end
    redis.call('ZREM', KEYS[5], member)
  end
  return #due
end
local function expireWithLastEntry()
  local last = redis.call('ZRANGE', KEYS[5], -1, -1, 'WITHSCORES')
  for i = 1, #KEYS do
    if #last == 0 then
      redis.call('DEL', KEYS[i])
    elseif redis.call('EXISTS', KEYS[i]) == 1 then
      redis.call('PEXPIREAT', KEYS[i], string.format('%d', tonumber(last[2])))
    end
  end
end
