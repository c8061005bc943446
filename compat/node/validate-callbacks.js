// Checks status callbacks the function sent with the official npm `twilio` library's validateRequest,
// exactly as an application's webhook handler does (the tests record them with a real HTTP receiver).
//
//   TWILIO_AUTH_TOKEN=... node validate-callbacks.js callbacks.json
//
// callbacks.json is an array of {"url", "params", "signature"}: the full URL called (for a GET, with the
// parameters in its query and "params" empty), the form parameters of a POST, and X-Twilio-Signature.
// The last line is "N valid, M invalid"; the exit code is 1 when any is invalid.
"use strict";

const fs = require("node:fs");
const twilio = require("twilio");

const token = process.env.TWILIO_AUTH_TOKEN;
if (!token || process.argv.length < 3) {
  console.error("usage: TWILIO_AUTH_TOKEN=... node validate-callbacks.js callbacks.json");
  process.exit(2);
}
const callbacks = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
let invalid = 0;
for (const callback of callbacks) {
  if (!twilio.validateRequest(token, callback.signature, callback.url, callback.params)) {
    invalid++;
    console.log(`invalid: ${callback.params.StatusCallbackEvent || callback.url}`);
  }
}
console.log(`${callbacks.length - invalid} valid, ${invalid} invalid`);
process.exit(invalid === 0 ? 0 : 1);
