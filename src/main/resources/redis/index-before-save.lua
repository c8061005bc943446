-- The account index (RedisAccountIndex); follows index-common.lua.
trim()
local room, created = ARGV[2], ARGV[3]
if ARGV[4] == '1' then
  redis.call('ZADD', KEYS[1], 'NX', created, room)
  redis.call('ZADD', KEYS[5], 'GT', ARGV[7], room)
end
if ARGV[5] == '1' then
  redis.call('ZADD', KEYS[2], 'NX', created, room)
  redis.call('ZADD', KEYS[5], 'GT', ARGV[8], room)
end
if ARGV[6] ~= '' then
  redis.call('ZADD', KEYS[3], 0, ARGV[6])
  redis.call('HSET', KEYS[4], room, ARGV[6])
end
local expires = redis.call('ZSCORE', KEYS[5], room) or ARGV[7]
for i = 9, #ARGV, 2 do
  redis.call('ZADD', KEYS[6], 'NX', ARGV[i + 1], ARGV[i])
  redis.call('HSET', KEYS[7], ARGV[i], room)
  redis.call('ZADD', KEYS[5], 'GT', expires, ARGV[i])
end
expireWithLastEntry()
return 1
