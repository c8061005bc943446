-- Reads a room for the scripts that load and save it (docs/SPEC.md §8.1), appending to `out`:
-- its version ('0' when the room does not exist, and nothing more), its incarnation, its schema, then
--   'newer'                      the room is stored in a schema newer than `schema`: nothing else is read;
--   'whole' and every field      (HGETALL) when asked for the whole room, or when it is stored in a schema
--                                before 5 (one document, read whole);
--   'part' and the scope's fields, each name followed by its value, '' for a field asked for but absent.
-- A scope's part (RoomParts.closure, which follows the same links in Java): the header, the rules, the participants,
-- tracks and recordings named, the track of each such recording, the publisher of each such track, every
-- track of each such publisher, the current recording of each of those tracks, and the media server ids of
-- the room and of everything read.
local function read_room(key, room, schema, whole, participants, tracks, recordings, out)
  local head = redis.call('HMGET', key, 'v', 'i', 'sv', 'h', 'rl')
  if not head[1] then
    out[#out + 1] = '0'
    return out
  end
  local stored = tonumber(head[3] or '1')
  out[#out + 1] = head[1]
  out[#out + 1] = head[2] or ''
  out[#out + 1] = tostring(stored)
  if stored > schema then
    out[#out + 1] = 'newer'
    return out
  end
  if whole or stored < 5 then
    out[#out + 1] = 'whole'
    local all = redis.call('HGETALL', key)
    for k = 1, #all do out[#out + 1] = all[k] end
    return out
  end
  out[#out + 1] = 'part'
  out[#out + 1] = 'h'
  out[#out + 1] = head[4]
  out[#out + 1] = 'rl'
  out[#out + 1] = head[5] or ''
  local seen = {}
  local held = {}
  local function get(name)
    local value = seen[name]
    if value == nil then
      value = redis.call('HGET', key, name) or false
      seen[name] = value
      out[#out + 1] = name
      out[#out + 1] = value or ''
      if value and name:sub(2, 2) == ':' and name:sub(1, 1) ~= 'x' then held[#held + 1] = name:sub(3) end
    end
    return value
  end
  local wanted = {}
  for _, mt in ipairs(tracks) do wanted[#wanted + 1] = mt end
  for _, rt in ipairs(recordings) do
    local r = get('r:' .. rt)
    if r then wanted[#wanted + 1] = cjson.decode(r).r.trackSid end
  end
  local owners = {}
  for _, pa in ipairs(participants) do owners[#owners + 1] = pa end
  for _, mt in ipairs(wanted) do
    local t = get('t:' .. mt)
    if t then
      local publisher = cjson.decode(t).t.participantSid
      if type(publisher) == 'string' then owners[#owners + 1] = publisher end
    end
  end
  for _, pa in ipairs(owners) do
    local p = get('p:' .. pa)
    if p then
      for _, mt in ipairs(cjson.decode(p).tracks) do wanted[#wanted + 1] = mt end
    end
  end
  for _, mt in ipairs(wanted) do
    local t = get('t:' .. mt)
    if t then
      local current = cjson.decode(t).current
      if type(current) == 'string' then get('r:' .. current) end
    end
  end
  get('x:' .. room)
  local sids = {}
  for k = 1, #held do sids[k] = held[k] end
  for _, sid in ipairs(sids) do get('x:' .. sid) end
  return out
end

-- The scope's SIDs from ARGV, from position `at`: a count and that many SIDs, three times (participants,
-- tracks, recordings). Answers them and the position after them.
local function read_scope(at)
  local lists = {}
  for l = 1, 3 do
    local count = tonumber(ARGV[at])
    local list = {}
    for k = 1, count do list[k] = ARGV[at + k] end
    lists[l] = list
    at = at + count + 1
  end
  return lists[1], lists[2], lists[3], at
end

