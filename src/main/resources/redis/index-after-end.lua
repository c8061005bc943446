-- The account index (RedisAccountIndex); follows index-common.lua.
trim()
redis.call('ZREM', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[5], 'XX', ARGV[3], ARGV[2])
for i = 4, #ARGV do
  redis.call('ZADD', KEYS[5], 'XX', ARGV[3], ARGV[i])
end
expireWithLastEntry()
return 1
