-- The account index (RedisAccountIndex); follows index-common.lua.
if trim() > 0 then expireWithLastEntry() end
local key, count = KEYS[tonumber(ARGV[3])], tonumber(ARGV[7])
local members
if ARGV[2] == 'lex' then
  members = redis.call('ZRANGEBYLEX', key, ARGV[4], ARGV[5], 'LIMIT', ARGV[6], count + 1)
else
  members = redis.call('ZRANGEBYSCORE', key, ARGV[4], ARGV[5], 'LIMIT', ARGV[6], count + 1)
end
local answer = {#members > count and 1 or 0}
for i = 1, math.min(#members, count) do
  answer[#answer + 1] = members[i]
  if key == KEYS[6] then answer[#answer + 1] = redis.call('HGET', KEYS[7], members[i]) or '' end
end
return answer
