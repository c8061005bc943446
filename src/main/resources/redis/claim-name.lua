-- Points a unique name at a room (docs/SPEC.md §8.4).
-- KEYS[1] the name key; ARGV[1] the claiming room's SID, ARGV[2] the SID it may take the name over from
-- ('' for none), ARGV[3] the name's lifetime in milliseconds. Answers 1 when the name now points at the room.
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[2] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1
