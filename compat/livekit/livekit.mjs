// LiveKit's side of the tests, done with LiveKit's own npm packages: livekit-server-sdk 2.19.2 and the
// @livekit/protocol message classes it depends on. One request per line on stdin, one JSON answer per
// line on stdout (driven by src/test/java/io/github/recordingrules/support/LiveKitNode.java).
//
//   {"op":"webhook", "event":{...}, "apiKey", "apiSecret", "ttl"?, "check"?}
//       The WebhookEvent (protojson form, decoded strictly) as LiveKit sends it: the body as protojson and
//       an Authorization token made by AccessToken with the body's sha256 claim. Unless "check" is false,
//       WebhookReceiver must accept the pair and read the same event back.
//   {"op":"egress", "rpc", "authorization", "body", "apiKey", "apiSecret"}
//       Checks one Egress API call: the token with TokenVerifier (signature, issuer, expiry) and its
//       video.roomRecord grant, and the body decoded strictly as the RPC's request message.
//   {"op":"egressInfo", "info":{...}}
//       An EgressInfo decoded strictly and written back as protojson, for the stand-in's answers.
import { createHash } from "node:crypto";
import { createInterface } from "node:readline";
import { AccessToken, TokenVerifier, WebhookReceiver } from "livekit-server-sdk";
import { EgressInfo, ListEgressRequest, StopEgressRequest, TrackEgressRequest, WebhookEvent } from "@livekit/protocol";

const REQUESTS = {
  StartTrackEgress: TrackEgressRequest,
  StopEgress: StopEgressRequest,
  ListEgress: ListEgressRequest,
};

async function webhook({ event, apiKey, apiSecret, ttl, check }) {
  const body = WebhookEvent.fromJson(event).toJsonString();
  const token = new AccessToken(apiKey, apiSecret, { ttl: ttl ?? "5m" });
  token.sha256 = createHash("sha256").update(body).digest("base64");
  const authorization = await token.toJwt();
  if (check !== false) {
    const received = await new WebhookReceiver(apiKey, apiSecret).receive(body, authorization);
    if (received.toJsonString() !== body) {
      throw new Error("WebhookReceiver read another event: " + received.toJsonString());
    }
  }
  return { body, authorization };
}

async function egress({ rpc, authorization, body, apiKey, apiSecret }) {
  const type = REQUESTS[rpc];
  if (!type) {
    return { ok: false, code: "bad_route", error: "no such Egress RPC: " + rpc };
  }
  let claims;
  try {
    claims = await new TokenVerifier(apiKey, apiSecret).verify((authorization ?? "").replace(/^Bearer /, ""));
  } catch (e) {
    return { ok: false, code: "unauthenticated", error: "token refused: " + e.message };
  }
  if (claims.video?.roomRecord !== true) {
    return { ok: false, code: "permission_denied", error: "the token has no video.roomRecord grant" };
  }
  let request;
  try {
    request = type.fromJsonString(body);
  } catch (e) {
    return { ok: false, code: "malformed", error: e.message };
  }
  if (rpc === "StartTrackEgress" && (!request.roomName || !request.trackId || request.output.case !== "file"
      || !request.output.value.filepath)) {
    return { ok: false, code: "invalid_argument", error: "a track egress to a file needs roomName, trackId and file.filepath" };
  }
  if (rpc === "StopEgress" && !request.egressId) {
    return { ok: false, code: "invalid_argument", error: "StopEgress needs egressId" };
  }
  return { ok: true, request: request.toJson() };
}

function egressInfo({ info }) {
  return { info: EgressInfo.fromJson(info).toJson() };
}

const OPS = { webhook, egress, egressInfo };

for await (const line of createInterface({ input: process.stdin })) {
  let answer;
  try {
    const request = JSON.parse(line);
    answer = await OPS[request.op](request);
  } catch (e) {
    answer = { failure: String(e?.stack ?? e) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
