// A media server's receiver for the function's recording-command pushes (docs/MIGRATING.md §6): it checks
// X-Recording-Rules-Signature (HMAC-SHA256 over "<t>.<raw body>", t within a tolerance window) and drops a
// push that is not newer than the last one applied for its room.
//
//   MEDIA_SERVER_SECRET=... node recording-commands-receiver.js --serve 9000     an HTTP server
//   MEDIA_SERVER_SECRET=... node recording-commands-receiver.js pushes.json      checks recorded pushes
//
// pushes.json (what the tests record) is an array of {"signature", "body", "receivedAt"} (body as received,
// receivedAt in Unix seconds); the last line is "N applied, M stale, K rejected".
"use strict";

const crypto = require("node:crypto");
const fs = require("node:fs");
const http = require("node:http");

const TOLERANCE_SECONDS = 300;

/** Whether the raw body was signed with the secret at most TOLERANCE_SECONDS from now. */
function authentic(secret, header, rawBody, nowSeconds) {
  const parts = Object.fromEntries((header || "").split(",").map((part) => part.trim().split("=", 2)));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowSeconds - t) > TOLERANCE_SECONDS) {
    return false;
  }
  const expected = crypto.createHmac("sha256", secret).update(`${t}.`).update(rawBody).digest("hex");
  const presented = Buffer.from(parts.v1);
  return presented.length === expected.length && crypto.timingSafeEqual(presented, Buffer.from(expected));
}

/** Per room, the highest sequence applied; a real media server keeps it with the room. */
const applied = new Map();

/** "apply", "stale" or "rejected". */
function receive(secret, header, rawBody, nowSeconds) {
  if (!authentic(secret, header, rawBody, nowSeconds)) {
    return "rejected";
  }
  const push = JSON.parse(rawBody.toString("utf8"));
  const last = applied.get(push.room_sid);
  if (last !== undefined && push.sequence <= last) {
    return "stale";
  }
  applied.set(push.room_sid, push.sequence);
  // Reconcile: record exactly push.recording_tracks (each with its recording_sid), stop every other track.
  return "apply";
}

const secret = process.env.MEDIA_SERVER_SECRET;
if (!secret) {
  console.error("MEDIA_SERVER_SECRET is not set");
  process.exit(2);
}
if (process.argv[2] === "--serve") {
  http.createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      const verdict = receive(secret, request.headers["x-recording-rules-signature"], Buffer.concat(chunks),
        Math.floor(Date.now() / 1000));
      response.writeHead(verdict === "rejected" ? 401 : 204).end();
    });
  }).listen(Number(process.argv[3] || 9000));
} else {
  const counts = { apply: 0, stale: 0, rejected: 0 };
  for (const push of JSON.parse(fs.readFileSync(process.argv[2], "utf8"))) {
    counts[receive(secret, push.signature, Buffer.from(push.body, "utf8"), push.receivedAt)]++;
  }
  console.log(`${counts.apply} applied, ${counts.stale} stale, ${counts.rejected} rejected`);
}
