-- The account index (RedisAccountIndex); follows index-common.lua.
trim()
redis.call('HSET', KEYS[8], ARGV[3], ARGV[6])
redis.call('HSET', KEYS[7], ARGV[3], ARGV[2])
redis.call('ZADD', KEYS[6], 'NX', ARGV[4], ARGV[3])
redis.call('ZADD', KEYS[5], ARGV[5], ARGV[3])
expireWithLastEntry()
return 1
