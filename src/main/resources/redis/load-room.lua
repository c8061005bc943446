-- Reads a room, or the part of it a scope needs (room-read.lua).
-- KEYS[1]  the room's hash
-- ARGV[1]  the room's SID; ARGV[2] the newest schema the caller reads; ARGV[3] '1' for the whole room;
-- ARGV[4..] the scope (read_scope)
local participants, tracks, recordings = read_scope(4)
return read_room(KEYS[1], ARGV[1], tonumber(ARGV[2]), ARGV[3] == '1', participants, tracks, recordings, {})
