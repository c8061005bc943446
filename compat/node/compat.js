// Drives the Recording Rules function with the official npm `twilio` helper library, as an
// application does, and posts one signed room status callback as a media server does.
//
//   BASE_URL=http://localhost:8080 TWILIO_ACCOUNT_SID=AC... TWILIO_AUTH_TOKEN=... node compat.js
//
// Optional: WEBHOOK_PATH (default /webhooks/room-events). Exits non-zero on any failure; the last
// line is "N passed, M failed".
"use strict";

const assert = require("node:assert/strict");
const crypto = require("node:crypto");
const twilio = require("twilio");

const BASE_URL = required("BASE_URL").replace(/\/+$/, "");
const ACCOUNT_SID = required("TWILIO_ACCOUNT_SID");
const AUTH_TOKEN = required("TWILIO_AUTH_TOKEN");
const WEBHOOK_URL = BASE_URL + (process.env.WEBHOOK_PATH || "/webhooks/room-events");

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return value;
}

/** A client of the official library whose Video requests go to the function. */
function videoClient(accountSid, authToken) {
  const client = twilio(accountSid, authToken);
  client.video.baseUrl = BASE_URL;
  return client;
}

/** A Twilio-style SID: the prefix and 32 hex digits. */
function sid(prefix) {
  return prefix + crypto.randomBytes(16).toString("hex");
}

/** Rules as plain JSON, without the library's undefined members. */
function plain(rules) {
  return JSON.parse(JSON.stringify(rules));
}

let clock = Date.parse("2026-06-01T00:00:00Z");
function nextTimestamp() {
  clock += 1000;
  return new Date(clock).toISOString();
}

/** Posts a room status callback signed with the library's own signature function. */
async function postCallback(params) {
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, WEBHOOK_URL, params);
  const response = await fetch(WEBHOOK_URL, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Twilio-Signature": signature,
    },
    body: new URLSearchParams(params).toString(),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, signature };
}

function trackAdded(room, participantSid, identity, trackSid, kind, name) {
  return {
    AccountSid: ACCOUNT_SID,
    RoomSid: room.sid,
    RoomName: room.uniqueName,
    RoomStatus: "in-progress",
    RoomType: "group",
    StatusCallbackEvent: "track-added",
    Timestamp: nextTimestamp(),
    SequenceNumber: "1",
    ParticipantSid: participantSid,
    ParticipantIdentity: identity,
    ParticipantStatus: "connected",
    TrackSid: trackSid,
    TrackKind: kind,
    TrackName: name,
  };
}

/** Awaits the promise and asserts it rejects with the library's RestException. */
async function assertRestException(promise, status, code) {
  await assert.rejects(promise, (e) => {
    assert.equal(e.constructor.name, "RestException", `expected RestException, got ${e}`);
    assert.equal(e.status, status, `status of ${e.message}`);
    assert.equal(e.code, code, `code of ${e.message}`);
    assert.equal(e.moreInfo, `https://www.twilio.com/docs/errors/${code}`);
    return true;
  });
}

const checks = [];
function check(name, fn) {
  checks.push({ name, fn });
}

const client = videoClient(ACCOUNT_SID, AUTH_TOKEN);
const video = client.video.v1;
const state = {};

check("create a group room with uniqueName, recordParticipantsOnConnect and recordingRules", async () => {
  const uniqueName = "node-lib-" + crypto.randomUUID();
  const room = await video.rooms.create({
    uniqueName,
    type: "group",
    recordParticipantsOnConnect: true,
    recordingRules: { rules: [{ type: "include", kind: "audio" }] },
  });
  assert.match(room.sid, /^RM[0-9a-f]{32}$/);
  assert.equal(room.uniqueName, uniqueName);
  assert.equal(room.status, "in-progress");
  assert.equal(room.type, "group");
  assert.equal(room.recordParticipantsOnConnect, true);
  assert.equal(room.accountSid, ACCOUNT_SID);
  assert.ok(room.dateCreated instanceof Date && !isNaN(room.dateCreated), "dateCreated is a date");
  assert.equal(new URL(room.url).pathname, `/v1/Rooms/${room.sid}`);
  state.room = room;
});

check("fetch recording rules", async () => {
  const rules = await video.rooms(state.room.sid).recordingRules.fetch();
  assert.equal(rules.roomSid, state.room.sid);
  assert.deepEqual(plain(rules.rules), [{ type: "include", kind: "audio" }]);
  assert.ok(rules.dateCreated instanceof Date && !isNaN(rules.dateCreated));
  assert.ok(rules.dateUpdated instanceof Date && !isNaN(rules.dateUpdated));
});

check("update recording rules", async () => {
  const rules = [
    { type: "include", publisher: "Alice" },
    { type: "include", kind: "audio" },
    { type: "exclude", track: "screen" },
  ];
  const updated = await video.rooms(state.room.sid).recordingRules.update({ rules });
  assert.equal(updated.roomSid, state.room.sid);
  assert.deepEqual(plain(updated.rules), rules);
  const fetched = await video.rooms(state.room.sid).recordingRules.fetch();
  assert.deepEqual(plain(fetched.rules), rules);
  await video.rooms(state.room.sid).recordingRules.update({ rules: [{ type: "include", kind: "audio" }] });
});

check("fetch a room by unique name", async () => {
  const room = await video.rooms(state.room.uniqueName).fetch();
  assert.equal(room.sid, state.room.sid);
  assert.equal(room.uniqueName, state.room.uniqueName);
  assert.equal(room.status, "in-progress");
});

check("invalid rules are a RestException 400 / 53120 and change nothing", async () => {
  const rooms = video.rooms(state.room.sid);
  for (const rules of [[], [{ type: "include", kind: "wideo" }], [{ type: "include", all: "true" }]]) {
    await assert.rejects(rooms.recordingRules.update({ rules }), (e) => {
      assert.equal(e.constructor.name, "RestException");
      assert.equal(e.status, 400);
      assert.equal(e.code, 53120);
      assert.equal(e.message, "Invalid Recording Rule(s)");
      assert.equal(e.moreInfo, "https://www.twilio.com/docs/errors/53120");
      assert.ok(e.details && typeof e.details.reason === "string", "the function's extra details");
      return true;
    });
  }
  const fetched = await rooms.recordingRules.fetch();
  assert.deepEqual(plain(fetched.rules), [{ type: "include", kind: "audio" }]);
});

check("an unknown room is a RestException 404 / 20404", async () => {
  await assertRestException(video.rooms("no-such-room-" + crypto.randomUUID()).fetch(), 404, 20404);
  await assertRestException(video.rooms(sid("RM")).recordingRules.fetch(), 404, 20404);
});

check("wrong credentials are a RestException 401 / 20003", async () => {
  const wrongToken = videoClient(ACCOUNT_SID, "not-the-token");
  await assertRestException(wrongToken.video.v1.rooms(state.room.sid).fetch(), 401, 20003);
  await assertRestException(wrongToken.video.v1.rooms(state.room.sid).recordingRules.fetch(), 401, 20003);
});

check("a room status callback signed with getExpectedTwilioSignature is accepted", async () => {
  state.alice = sid("PA");
  state.mic = sid("MT");
  const answer = await postCallback(trackAdded(state.room, state.alice, "Alice", state.mic, "audio", "mic"));
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(answer.body.room_sid, state.room.sid);
  assert.equal(answer.body.applied, true);
  assert.equal(answer.body.recording_tracks.length, 1);
  assert.equal(answer.body.recording_tracks[0].track_sid, state.mic);
  assert.equal(answer.body.recording_tracks[0].track_name, "mic");
  assert.equal(answer.body.recording_tracks[0].kind, "audio");
  assert.equal(answer.body.recording_tracks[0].participant_sid, state.alice);
  assert.equal(answer.body.recording_tracks[0].participant_identity, "Alice");
  assert.equal(answer.body.started.length, 1);
  assert.match(answer.body.started[0].sid, /^RT[0-9a-f]{32}$/);
  assert.equal(answer.body.recording_tracks[0].recording_sid, answer.body.started[0].sid);
  state.micRecording = answer.body.started[0].sid;

  // The rules (include audio) leave a video track out.
  state.cam = sid("MT");
  const camAnswer = await postCallback(trackAdded(state.room, state.alice, "Alice", state.cam, "video", "cam"));
  assert.equal(camAnswer.status, 200, JSON.stringify(camAnswer.body));
  assert.deepEqual(camAnswer.body.recording_tracks.map((t) => t.track_sid), [state.mic]);
  assert.deepEqual(camAnswer.body.started, []);

  const params = trackAdded(state.room, state.alice, "Alice", sid("MT"), "audio", "forged");
  const forged = await fetch(WEBHOOK_URL, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Twilio-Signature": twilio.getExpectedTwilioSignature("not-the-token", WEBHOOK_URL, params),
    },
    body: new URLSearchParams(params).toString(),
  });
  assert.equal(forged.status, 403);
});

check("list and fetch the room's recordings", async () => {
  const recordings = await video.rooms(state.room.sid).recordings.list();
  assert.equal(recordings.length, 1);
  const [mic] = recordings;
  assert.equal(mic.sid, state.micRecording);
  assert.equal(mic.status, "processing");
  assert.equal(mic.sourceSid, state.mic);
  assert.equal(mic.trackName, "mic");
  assert.equal(mic.type, "audio");
  assert.equal(mic.roomSid, state.room.sid);
  assert.deepEqual(mic.groupingSids, { room_sid: state.room.sid, participant_sid: state.alice });

  // Rules change what is recorded at once: the video track starts; page size 1 follows next_page_url.
  await video.rooms(state.room.sid).recordingRules.update({ rules: [{ type: "include", all: true }] });
  const all = await video.rooms(state.room.sid).recordings.list({ pageSize: 1 });
  assert.deepEqual(all.map((r) => r.sourceSid), [state.mic, state.cam]);
  state.camRecording = all[1].sid;

  const fetched = await video.rooms(state.room.sid).recordings(state.camRecording).fetch();
  assert.equal(fetched.sid, state.camRecording);
  assert.equal(fetched.status, "processing");
  assert.equal(fetched.trackName, "cam");
  assert.equal(fetched.type, "video");
});

check("update the room to completed", async () => {
  const room = await video.rooms(state.room.sid).update({ status: "completed" });
  assert.equal(room.sid, state.room.sid);
  assert.equal(room.status, "completed");
  assert.ok(room.endTime instanceof Date && !isNaN(room.endTime), "endTime is a date");
  const recordings = await video.rooms(state.room.sid).recordings.list();
  assert.deepEqual(recordings.map((r) => r.status), ["completed", "completed"]);
  assert.ok(recordings.every((r) => Number.isInteger(r.duration)), "completed recordings have a duration");
  await assertRestException(video.rooms(state.room.uniqueName).fetch(), 404, 20404);
});

/** A room event callback of the seed scenario. */
function roomEvent(room, event, extra) {
  return Object.assign({
    AccountSid: ACCOUNT_SID,
    RoomSid: room,
    RoomName: room,
    RoomStatus: "in-progress",
    RoomType: "group",
    StatusCallbackEvent: event,
    Timestamp: nextTimestamp(),
  }, extra);
}

/** The original documentation's Alice, Bob and Carl and their eight tracks, through signed callbacks. */
async function seedRoom() {
  const seed = { room: sid("RM"), people: {}, tracks: {} };
  for (const who of ["Alice", "Bob", "Carl"]) {
    seed.people[who] = sid("PA");
    const answer = await postCallback(roomEvent(seed.room, "participant-connected",
      { ParticipantSid: seed.people[who], ParticipantIdentity: who, ParticipantStatus: "connected" }));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
  }
  const published = [
    ["Alice", "MTA_A", "audio", "alice-audio"], ["Alice", "MTA_C", "video", "alice-cam"], ["Alice", "MTA_S", "video", "screen"],
    ["Bob", "MTB_A", "audio", "bob-audio"], ["Bob", "MTB_C", "video", "bob-cam"], ["Bob", "MTB_S", "video", "screen"],
    ["Carl", "MTC_A", "audio", "carl-audio"], ["Carl", "MTC_C", "video", "carl-cam"],
  ];
  for (const [who, label, kind, name] of published) {
    seed.tracks[label] = sid("MT");
    const answer = await postCallback(trackAdded({ sid: seed.room, uniqueName: seed.room }, seed.people[who], who,
      seed.tracks[label], kind, name));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
  }
  return seed;
}

check("list rooms with a status filter over more than one page", async () => {
  // The library sends dateCreatedAfter to the second: start at the next whole second, so that the rooms the
  // checks before made (earlier in the current second) stay out of the window.
  const since = new Date(Math.floor(Date.now() / 1000) * 1000 + 1000);
  await new Promise((resolve) => setTimeout(resolve, since.getTime() - Date.now()));
  const created = [];
  for (let i = 0; i < 5; i++) {
    created.push((await video.rooms.create({ uniqueName: "node-list-" + crypto.randomUUID() })).sid);
  }
  await video.rooms(created[1]).update({ status: "completed" });
  await video.rooms(created[3]).update({ status: "completed" });

  const open = await video.rooms.list({ status: "in-progress", dateCreatedAfter: since, pageSize: 2 });
  assert.deepEqual(open.map((r) => r.sid), [created[0], created[2], created[4]]);
  assert.ok(open.every((r) => r.status === "in-progress" && r.endTime === null));
  const ended = await video.rooms.list({ status: "completed", dateCreatedAfter: since, pageSize: 1 });
  assert.deepEqual(ended.map((r) => r.sid), [created[1], created[3]]);
  assert.ok(ended.every((r) => r.status === "completed" && Number.isInteger(r.duration)));
  const page = await video.rooms.page({ status: "in-progress", dateCreatedAfter: since, pageSize: 2 });
  assert.equal(page.instances.length, 2);
  assert.ok(page.nextPageUrl, "a next page");
});

check("participants and published tracks of the seed scenario", async () => {
  const seed = await seedRoom();
  state.seed = seed;
  const disabled = await postCallback(roomEvent(seed.room, "track-disabled",
    { ParticipantSid: seed.people.Bob, TrackSid: seed.tracks.MTB_C }));
  assert.equal(disabled.status, 200);
  await postCallback(roomEvent(seed.room, "participant-disconnected",
    { ParticipantSid: seed.people.Carl, ParticipantIdentity: "Carl", ParticipantStatus: "disconnected" }));

  const connected = await video.rooms(seed.room).participants.list();
  assert.deepEqual(connected.map((p) => p.identity), ["Alice", "Bob"]);
  assert.ok(connected.every((p) => p.status === "connected" && p.startTime instanceof Date && p.endTime === null));
  const left = await video.rooms(seed.room).participants.list({ status: "disconnected" });
  assert.deepEqual(left.map((p) => p.sid), [seed.people.Carl]);
  assert.ok(left[0].duration > 0 && left[0].endTime > left[0].startTime);
  const bob = await video.rooms(seed.room).participants("Bob").fetch();
  assert.equal(bob.sid, seed.people.Bob);

  const tracks = await video.rooms(seed.room).participants(seed.people.Bob).publishedTracks.list({ pageSize: 2 });
  assert.deepEqual(tracks.map((t) => t.name), ["bob-audio", "bob-cam", "screen"]);
  assert.deepEqual(tracks.map((t) => t.kind), ["audio", "video", "video"]);
  assert.deepEqual(tracks.map((t) => t.enabled), [true, false, true]);
  const screen = await video.rooms(seed.room).participants(seed.people.Bob).publishedTracks("screen").fetch();
  assert.equal(screen.sid, seed.tracks.MTB_S);
  assert.equal(screen.participantSid, seed.people.Bob);
});

check("recordings of every room by grouping SID, media type and status; fetch and delete", async () => {
  const seed = state.seed;
  await video.rooms(seed.room).recordingRules.update({ rules: [{ type: "include", all: true }] });

  const inRoom = await video.recordings.list({ groupingSid: [seed.room], pageSize: 3 });
  assert.equal(inRoom.length, 6, "Carl left: his tracks are not recorded");
  assert.ok(inRoom.every((r) => r.status === "processing" && r.groupingSids.room_sid === seed.room));
  const alices = await video.recordings.list({ groupingSid: [seed.room, seed.people.Alice] });
  assert.deepEqual(alices.map((r) => r.sourceSid).sort(), [seed.tracks.MTA_A, seed.tracks.MTA_C, seed.tracks.MTA_S].sort());
  const audio = await video.recordings.list({ groupingSid: [seed.room], mediaType: "audio" });
  assert.deepEqual(audio.map((r) => r.trackName).sort(), ["alice-audio", "bob-audio"]);

  await video.rooms(seed.room).update({ status: "completed" });
  const completed = await video.recordings.list({ groupingSid: [seed.room], status: "completed" });
  assert.equal(completed.length, 6);
  assert.ok(completed.every((r) => Number.isInteger(r.duration)));

  const mic = alices.find((r) => r.sourceSid === seed.tracks.MTA_A);
  const fetched = await video.recordings(mic.sid).fetch();
  assert.equal(fetched.sid, mic.sid);
  assert.equal(fetched.status, "completed");
  assert.equal(await video.recordings(mic.sid).remove(), true);
  const cam = alices.find((r) => r.sourceSid === seed.tracks.MTA_C);
  assert.equal(await video.rooms(seed.room).recordings(cam.sid).remove(), true);

  assert.equal((await video.recordings(mic.sid).fetch()).status, "deleted");
  const left = await video.recordings.list({ groupingSid: [seed.room] });
  assert.equal(left.length, 4);
  assert.ok(!left.some((r) => r.sid === mic.sid || r.sid === cam.sid), "deleted recordings are not listed");
  const deleted = await video.recordings.list({ groupingSid: [seed.room], status: "deleted" });
  assert.deepEqual(deleted.map((r) => r.sid).sort(), [mic.sid, cam.sid].sort());
  await assertRestException(video.recordings(sid("RT")).fetch(), 404, 20404);
});

(async () => {
  let passed = 0;
  let failed = 0;
  for (const { name, fn } of checks) {
    try {
      await fn();
      passed++;
      console.log(`ok - ${name}`);
    } catch (e) {
      failed++;
      console.log(`not ok - ${name}`);
      console.log(String(e && e.stack ? e.stack : e).replace(/^/gm, "    "));
    }
  }
  console.log(`twilio ${require("twilio/package.json").version}, node ${process.version}, ${BASE_URL}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
})();
