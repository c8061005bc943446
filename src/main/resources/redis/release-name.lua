-- Frees a unique name if it still points at the room (docs/SPEC.md §8.4).
-- KEYS[1] the name key; ARGV[1] the room's SID. Answers the number of keys deleted.
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
