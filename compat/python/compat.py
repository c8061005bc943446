"""Drives the Recording Rules function with the official Python helper library (`twilio`, tested with
Debian's python3-twilio 7.7.1), as an application does, and posts signed room status callbacks as a
media server does.

  BASE_URL=http://localhost:8080 TWILIO_ACCOUNT_SID=AC... TWILIO_AUTH_TOKEN=... \
      /usr/bin/python3 compat.py

Optional: WEBHOOK_PATH (default /webhooks/room-events). Exits non-zero on any failure; the last line
is "N passed, M failed".
"""
import datetime
import json
import os
import platform
import re
import secrets
import sys
import traceback
import uuid
from urllib.parse import urlparse

import requests
import twilio
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client


def required(name):
    value = os.environ.get(name)
    if not value:
        print(f"{name} is not set", file=sys.stderr)
        sys.exit(2)
    return value


BASE_URL = required("BASE_URL").rstrip("/")
ACCOUNT_SID = required("TWILIO_ACCOUNT_SID")
AUTH_TOKEN = required("TWILIO_AUTH_TOKEN")
WEBHOOK_URL = BASE_URL + os.environ.get("WEBHOOK_PATH", "/webhooks/room-events")
if sys.argv[1:]:
    print(f"usage: {sys.argv[0]}", file=sys.stderr)
    sys.exit(2)

TWILIO_VIDEO = "https://video.twilio.com"


class FunctionHttpClient(TwilioHttpClient):
    """The library's HTTP client, sending the Video API's requests to the function instead.

    The library joins the Video domain's base URL (https://video.twilio.com) with the resource path
    and hands the absolute URL to its http_client; paging URLs the function writes pass unchanged."""

    def __init__(self, base_url, **kwargs):
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")

    def request(self, method, url, *args, **kwargs):
        if url == TWILIO_VIDEO or url.startswith(TWILIO_VIDEO + "/"):
            url = self.base_url + url[len(TWILIO_VIDEO):]
        return super().request(method, url, *args, **kwargs)


def video_client(account_sid, auth_token):
    return Client(account_sid, auth_token, http_client=FunctionHttpClient(BASE_URL))


def sid(prefix):
    """A Twilio-style SID: the prefix and 32 hex digits."""
    return prefix + secrets.token_hex(16)


_clock = datetime.datetime(2026, 6, 1, tzinfo=datetime.timezone.utc)


def next_timestamp():
    global _clock
    _clock += datetime.timedelta(seconds=1)
    return _clock.strftime("%Y-%m-%dT%H:%M:%SZ")


def post_callback(params, token=AUTH_TOKEN):
    """Posts a room status callback signed with the library's RequestValidator."""
    signature = RequestValidator(token).compute_signature(WEBHOOK_URL, params)
    response = requests.post(WEBHOOK_URL, data=params, headers={"X-Twilio-Signature": signature}, timeout=30)
    body = response.json() if response.content else None
    return response.status_code, body


def track_added(room, participant_sid, identity, track_sid, kind, name):
    return {
        "AccountSid": ACCOUNT_SID,
        "RoomSid": room.sid,
        "RoomName": room.unique_name,
        "RoomStatus": "in-progress",
        "RoomType": "group",
        "StatusCallbackEvent": "track-added",
        "Timestamp": next_timestamp(),
        "SequenceNumber": "1",
        "ParticipantSid": participant_sid,
        "ParticipantIdentity": identity,
        "ParticipantStatus": "connected",
        "TrackSid": track_sid,
        "TrackKind": kind,
        "TrackName": name,
    }


def assert_equal(actual, expected, what=""):
    assert actual == expected, f"{what}: expected {expected!r}, got {actual!r}"


def assert_utc_datetime(value, what):
    assert isinstance(value, datetime.datetime), f"{what} is a datetime, got {value!r}"
    assert_equal(value.utcoffset(), datetime.timedelta(0), f"{what} is UTC")


def assert_rest_exception(call, status, code):
    """Runs call and asserts it raises the library's TwilioRestException with this status and code."""
    try:
        call()
    except TwilioRestException as e:
        assert_equal(e.status, status, f"status of {e.msg}")
        assert_equal(e.code, code, f"code of {e.msg}")
        return e
    raise AssertionError(f"expected TwilioRestException {status}/{code}, nothing was raised")


AUDIO = {"type": "include", "kind": "audio"}

checks = []


def check(name):
    """Registers a check."""
    def register(fn):
        checks.append((name, fn))
        return fn
    return register


client = video_client(ACCOUNT_SID, AUTH_TOKEN)
video = client.video.v1
state = {}


@check("create a group room with unique_name, record_participants_on_connect and recording_rules")
def create_room():
    unique_name = "python-lib-" + str(uuid.uuid4())
    room = video.rooms.create(
        unique_name=unique_name,
        type="group",
        record_participants_on_connect=True,
        recording_rules={"rules": [AUDIO]},
    )
    assert re.fullmatch(r"RM[0-9a-f]{32}", room.sid), room.sid
    assert_equal(room.unique_name, unique_name, "unique_name")
    assert_equal(room.status, "in-progress", "status")
    assert_equal(room.type, "group", "type")
    assert_equal(room.record_participants_on_connect, True, "record_participants_on_connect")
    assert_equal(room.account_sid, ACCOUNT_SID, "account_sid")
    assert_utc_datetime(room.date_created, "date_created")
    assert_equal(room.end_time, None, "end_time")
    assert_equal(urlparse(room.url).path, f"/v1/Rooms/{room.sid}", "url path")
    assert {"recordings", "recording_rules"} <= set(room.links), room.links
    state["room"] = room


@check("fetch the room by SID and by unique name")
def fetch_room():
    room = state["room"]
    by_sid = video.rooms(room.sid).fetch()
    by_name = video.rooms(room.unique_name).fetch()
    for fetched in (by_sid, by_name):
        assert_equal(fetched.sid, room.sid, "sid")
        assert_equal(fetched.unique_name, room.unique_name, "unique_name")
        assert_equal(fetched.status, "in-progress", "status")
        assert_equal(fetched.date_created, room.date_created, "date_created")


@check("fetch recording rules")
def fetch_rules():
    rules = video.rooms(state["room"].sid).recording_rules.fetch()
    assert_equal(rules.room_sid, state["room"].sid, "room_sid")
    assert_equal(rules.rules, [AUDIO], "rules")
    assert_utc_datetime(rules.date_created, "date_created")
    assert_utc_datetime(rules.date_updated, "date_updated")


@check("update recording rules with a list of rule dicts and with the {'rules': [...]} object")
def update_rules():
    rooms = video.rooms(state["room"].sid)
    rules = [
        {"type": "include", "publisher": "Zoë"},
        {"type": "include", "kind": "audio"},
        {"type": "exclude", "track": "screen"},
    ]
    updated = rooms.recording_rules.update(rules=rules)
    # What the library sent: json.dumps of the list, non-ASCII escaped.
    assert_equal(client.http_client.last_request.data["Rules"], json.dumps(rules), "the Rules parameter sent")
    assert "\\u00eb" in client.http_client.last_request.data["Rules"]
    assert_equal(updated.room_sid, state["room"].sid, "room_sid")
    assert_equal(updated.rules, rules, "updated rules")
    assert updated.date_updated >= updated.date_created, (updated.date_created, updated.date_updated)
    assert_equal(rooms.recording_rules.fetch().rules, rules, "fetched rules")

    restored = rooms.recording_rules.update(rules={"rules": [AUDIO]})
    assert_equal(restored.rules, [AUDIO], "rules after the object form")


@check("invalid rules are a TwilioRestException 400 / 53120 and change nothing")
def invalid_rules():
    rooms = video.rooms(state["room"].sid)
    for rules in ([], [{"type": "include", "kind": "wideo"}], [{"type": "include", "all": "true"}],
                  {"rules": [{"type": "record", "all": True}]}):
        e = assert_rest_exception(lambda: rooms.recording_rules.update(rules=rules), 400, 53120)
        assert_equal(e.msg, "Unable to update record: Invalid Recording Rule(s)", f"message for {rules}")
        assert isinstance(e.details, dict) and isinstance(e.details.get("reason"), str), e.details
    assert_equal(rooms.recording_rules.fetch().rules, [AUDIO], "rules in force")


@check("an unknown room or recording is a 404 / 20404")
def unknown_room():
    assert_rest_exception(lambda: video.rooms("no-such-room-" + str(uuid.uuid4())).fetch(), 404, 20404)
    assert_rest_exception(lambda: video.rooms(sid("RM")).recording_rules.fetch(), 404, 20404)
    assert_rest_exception(
        lambda: video.rooms("no-such-room-" + str(uuid.uuid4())).recording_rules.update(rules=[AUDIO]), 404, 20404)
    assert_rest_exception(lambda: video.rooms(state["room"].sid).recordings(sid("RT")).fetch(), 404, 20404)
    # 7.7.1 reads list pages itself: a failed page is a plain TwilioException holding the response.
    try:
        video.rooms(sid("RM")).recordings.list()
    except TwilioException as e:
        failure = e
    else:
        raise AssertionError("listing the recordings of an unknown room raised nothing")
    assert_equal(type(failure), TwilioException, "exception type")
    message, response = failure.args
    assert_equal(message, "Unable to fetch page", "message")
    assert_equal(response.status_code, 404, "status")
    assert_equal(json.loads(response.text)["code"], 20404, "code")


@check("wrong credentials are a TwilioRestException 401 / 20003")
def wrong_credentials():
    room = state["room"]
    for wrong in (video_client(ACCOUNT_SID, "not-the-token"), video_client("AC" + "0" * 32, AUTH_TOKEN)):
        assert_rest_exception(lambda: wrong.video.v1.rooms(room.sid).fetch(), 401, 20003)
        assert_rest_exception(lambda: wrong.video.v1.rooms(room.sid).recording_rules.fetch(), 401, 20003)


@check("room status callbacks signed with RequestValidator.compute_signature are accepted")
def signed_callbacks():
    room = state["room"]
    state["alice"] = sid("PA")
    state["mic"] = sid("MT")
    status, answer = post_callback(track_added(room, state["alice"], "Alice", state["mic"], "audio", "mic"))
    assert_equal(status, 200, f"status of {answer}")
    assert_equal(answer["room_sid"], room.sid, "room_sid")
    assert_equal(answer["applied"], True, "applied")
    [track] = answer["recording_tracks"]
    assert_equal(track["track_sid"], state["mic"], "track_sid")
    assert_equal(track["track_name"], "mic", "track_name")
    assert_equal(track["kind"], "audio", "kind")
    assert_equal(track["participant_sid"], state["alice"], "participant_sid")
    assert_equal(track["participant_identity"], "Alice", "participant_identity")
    [started] = answer["started"]
    assert re.fullmatch(r"RT[0-9a-f]{32}", started["sid"]), started
    assert_equal(track["recording_sid"], started["sid"], "recording_sid")
    state["mic_recording"] = started["sid"]

    # The rules (include audio) leave a video track out.
    state["cam"] = sid("MT")
    status, answer = post_callback(track_added(room, state["alice"], "Alice", state["cam"], "video", "cam"))
    assert_equal(status, 200, f"status of {answer}")
    assert_equal([t["track_sid"] for t in answer["recording_tracks"]], [state["mic"]], "recording tracks")
    assert_equal(answer["started"], [], "started")

    # A non-ASCII identity: the signature covers its UTF-8 bytes.
    state["zoe"] = sid("PA")
    state["zoe_mic"] = sid("MT")
    status, answer = post_callback(track_added(room, state["zoe"], "Zoë", state["zoe_mic"], "audio", "mic"))
    assert_equal(status, 200, f"status of {answer}")
    # The answer lists the recording tracks of the participant the callback concerns.
    assert_equal([(t["track_sid"], t["participant_identity"]) for t in answer["recording_tracks"]],
                 [(state["zoe_mic"], "Zoë")], "recording tracks")
    state["zoe_recording"] = answer["started"][0]["sid"]

    status, _ = post_callback(track_added(room, state["alice"], "Alice", sid("MT"), "audio", "forged"),
                              token="not-the-token")
    assert_equal(status, 403, "status of a callback signed with another token")


@check("list, filter, page through and fetch the room's recordings")
def recordings():
    room = state["room"]
    rooms = video.rooms(room.sid)
    listed = rooms.recordings.list()
    assert_equal([r.sid for r in listed], [state["mic_recording"], state["zoe_recording"]], "recordings")
    mic = listed[0]
    assert_equal(mic.status, "processing", "status")
    assert_equal(mic.source_sid, state["mic"], "source_sid")
    assert_equal(mic.track_name, "mic", "track_name")
    assert_equal(mic.type, "audio", "type")
    assert_equal(mic.room_sid, room.sid, "room_sid")
    assert_equal(mic.account_sid, ACCOUNT_SID, "account_sid")
    assert_equal(mic.duration, None, "duration while processing")
    assert_equal(mic.grouping_sids, {"room_sid": room.sid, "participant_sid": state["alice"]}, "grouping_sids")
    assert_utc_datetime(mic.date_created, "date_created")

    assert_equal([r.sid for r in rooms.recordings.list(source_sid=state["zoe_mic"])], [state["zoe_recording"]],
                 "filtered by source_sid")
    assert_equal(rooms.recordings.list(status="completed"), [], "filtered by status completed")
    # The library sends datetimes as 2026-06-01T00:00:01Z.
    a_minute_earlier = mic.date_created - datetime.timedelta(minutes=1)
    assert_equal(len(rooms.recordings.list(date_created_after=a_minute_earlier)), 2, "created after")
    assert_equal(rooms.recordings.list(date_created_before=a_minute_earlier), [], "created before")

    # Rules change what is recorded at once: the video track starts.
    rooms.recording_rules.update(rules=[{"type": "include", "all": True}])
    first = rooms.recordings.page(page_size=1)
    assert_equal([r.source_sid for r in first], [state["mic"]], "first page")
    assert first.next_page_url.startswith(f"{BASE_URL}/v1/Rooms/{room.sid}/Recordings?"), first.next_page_url
    # list follows meta.next_page_url, the absolute URL the function wrote.
    paged = rooms.recordings.list(page_size=1)
    assert_equal([r.source_sid for r in paged], [state["mic"], state["zoe_mic"], state["cam"]], "all pages")
    state["cam_recording"] = paged[2].sid

    cam = rooms.recordings(state["cam_recording"]).fetch()
    assert_equal(cam.sid, state["cam_recording"], "sid")
    assert_equal(cam.status, "processing", "status")
    assert_equal(cam.track_name, "cam", "track_name")
    assert_equal(cam.type, "video", "type")
    assert_equal(cam.container_format, "mkv", "container_format")


@check("update the room to completed")
def complete_room():
    room = state["room"]
    completed = video.rooms(room.sid).update(status="completed")
    assert_equal(completed.sid, room.sid, "sid")
    assert_equal(completed.status, "completed", "status")
    assert_utc_datetime(completed.end_time, "end_time")
    assert isinstance(completed.duration, int) and completed.duration >= 0, completed.duration
    assert_equal(video.rooms(room.sid).fetch().status, "completed", "status fetched by SID")
    finished = video.rooms(room.sid).recordings.list(status="completed")
    assert_equal([r.sid for r in finished], [state["mic_recording"], state["zoe_recording"], state["cam_recording"]],
                 "completed recordings")
    assert all(isinstance(r.duration, int) for r in finished), [r.duration for r in finished]
    assert_rest_exception(lambda: video.rooms(room.unique_name).fetch(), 404, 20404)


def largest_rules():
    """The largest valid rule set (docs/SPEC.md §2.5): 20 rules, each with every member (a None "all"
    counts as absent) and 256-character non-ASCII names, wrapped as {"rules": [...]}."""
    return {"rules": [{"type": "include", "all": None, "kind": "video", "publisher": chr(0x4E00 + i) * 256,
                       "track": chr(0x5E00 + i) * 256} for i in range(20)]}


def as_shown(rules):
    """The rules as the function shows them: absent (None) members left out."""
    return [{name: value for name, value in rule.items() if value is not None} for rule in rules["rules"]]


@check("the largest valid rules, sent as a UTF-8 JSON string, are accepted")
def largest_rules_as_utf8_string():
    room = video.rooms.create(unique_name="python-utf8-" + str(uuid.uuid4()))
    rules = largest_rules()
    updated = video.rooms(room.sid).recording_rules.update(rules=json.dumps(rules, ensure_ascii=False))
    assert_equal(updated.rules, as_shown(rules), "updated rules")
    assert_equal(video.rooms(room.sid).recording_rules.fetch().rules, as_shown(rules), "fetched rules")


@check("the largest valid rules, as the library encodes them, are accepted")
def largest_rules_as_the_library_encodes_them():
    room = video.rooms.create(unique_name="python-escaped-" + str(uuid.uuid4()))
    rules = largest_rules()
    # The library sends json.dumps(rules), which writes each character as \u4e00, six characters for one:
    # exactly the function's Rules limit (Limits.RULES), which is derived from this encoding.
    assert_equal(len(json.dumps(rules)), 63071, "the length json.dumps writes")
    updated = video.rooms(room.sid).recording_rules.update(rules=rules)
    assert_equal(client.http_client.last_request.data["Rules"], json.dumps(rules), "the Rules parameter sent")
    assert_equal(updated.rules, as_shown(rules), "updated rules")
    assert_equal(video.rooms(room.sid).recording_rules.fetch().rules, as_shown(rules), "fetched rules")


def main():
    passed = failed = 0
    for name, fn in checks:
        try:
            fn()
            passed += 1
            print(f"ok - {name}")
        except Exception:
            failed += 1
            print(f"not ok - {name}")
            print(re.sub(r"(?m)^", "    ", traceback.format_exc().rstrip()))
    print(f"twilio {twilio.__version__} ({os.path.dirname(twilio.__file__)}), python {platform.python_version()} "
          f"({sys.executable}), {BASE_URL}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
