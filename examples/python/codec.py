#!/usr/bin/env python3
"""A call/reject codec in Python, standard library only, under test through
stanza-conformance's subprocess protocol:

    npx conformance --adapter "exec:python3 examples/python/codec.py"

It reads JSON lines on stdin and answers on stdout (README, "Codecs in any
language"). The XML parser is expat, which applies XML 1.0 as the suite's
oracle does (character references, attribute-value normalization, refusing
what is not well-formed)."""

import itertools
import json
import re
import sys
import xml.parsers.expat

REASONS = {"declined", "busy", "timeout", "accepted_elsewhere", "rejected_elsewhere", "group_call_ended"}
JID = re.compile(r"([0-9A-Za-z]+)(?:\.(0|[1-9][0-9]*))?(?::(0|[1-9][0-9]*))?@([a-z0-9-]+(?:\.[a-z0-9-]+)*)")
# (field, element, attribute, is a JID)
FIELDS = [
    ("from", "call", "from", True),
    ("to", "call", "to", True),
    ("id", "call", "id", False),
    ("callId", "reject", "call-id", False),
    ("callCreator", "reject", "call-creator", True),
]
_ids = itertools.count(1)


class CodecError(Exception):
    """Bad input: the message names the attribute or element."""


def is_jid(text):
    m = JID.fullmatch(text)
    return bool(m) and all(g is None or int(g) <= 255 for g in (m.group(2), m.group(3)))


def xml_chars_only(text):
    for ch in text:
        c = ord(ch)
        if not (c in (0x9, 0xA, 0xD) or 0x20 <= c <= 0xD7FF or 0xE000 <= c <= 0xFFFD or 0x10000 <= c <= 0x10FFFF):
            return False
    return True


def checked(msg):
    """The message as a conforming stanza would carry it, or CodecError naming the first wrong attribute."""
    if not isinstance(msg, dict):
        raise CodecError("a call reject must be an object")
    out = {}
    for field, _element, attr, jid in FIELDS:
        value = msg.get(field)
        if not isinstance(value, str) or value == "":
            raise CodecError(f"{attr} is required and must be a non-empty string")
        if not xml_chars_only(value):
            raise CodecError(f"{attr} holds a character XML 1.0 cannot carry")
        if jid and not is_jid(value):
            raise CodecError(f"{attr} is not a JID: {value!r}")
        out[field] = value
    if "reason" in msg:
        reason = msg["reason"]
        if not (isinstance(reason, str) and reason in REASONS):
            raise CodecError(f"reason {reason!r} is not one of {', '.join(sorted(REASONS))}")
        out["reason"] = reason
    return out


def escape(value):
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;"))


def encode(msg):
    m = checked(msg)
    attrs = lambda element: "".join(
        f' {attr}="{escape(m[field])}"' for field, el, attr, _ in FIELDS if el == element)
    reason = f' reason="{escape(m["reason"])}"' if "reason" in m else ""
    return f'<call{attrs("call")}><reject{attrs("reject")}{reason}/></call>'


def decode(text):
    if not isinstance(text, str):
        raise CodecError("decode takes an XML string")
    if not xml_chars_only(text):
        raise CodecError("the stanza holds a character XML 1.0 cannot carry")
    root, stack = None, []

    def start(name, attrs):
        nonlocal root
        node = {"name": name, "attrs": attrs, "children": [], "text": ""}
        if stack:
            stack[-1]["children"].append(node)
        else:
            root = node
        stack.append(node)

    def end(_name):
        stack.pop()

    def chars(data):
        if stack:
            stack[-1]["text"] += data

    def doctype(*_args):
        raise CodecError("a stanza may not carry a DOCTYPE")

    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler, parser.StartDoctypeDeclHandler = chars, doctype
    try:
        parser.Parse(text, True)
    except xml.parsers.expat.ExpatError as e:
        raise CodecError(f"not well-formed XML: {e}") from None
    if root["name"] != "call":
        raise CodecError(f"expected a <call> element, got <{root['name']}>")
    if root["text"].strip():
        raise CodecError("<call> must not hold text")
    kids = root["children"]
    if len(kids) != 1 or kids[0]["name"] != "reject":
        raise CodecError(f"<call> must hold exactly one <reject>, it holds {[k['name'] for k in kids]}")
    reject = kids[0]
    msg = {field: (root if el == "call" else reject)["attrs"].get(attr) for field, el, attr, _ in FIELDS}
    if "reason" in reject["attrs"]:
        msg["reason"] = reject["attrs"]["reason"]
    return checked(msg)


def reply(request):
    offer, options = request["offer"], request["options"]
    msg = {
        "from": options.get("from"),
        "to": offer.get("from"),
        "id": options["id"] if "id" in options else f"PY{next(_ids):08X}",
        "callId": offer.get("callId"),
        "callCreator": offer.get("callCreator"),
    }
    if "reason" in options:
        msg["reason"] = options["reason"]
    return encode(msg)


OPS = {"encode": encode, "decode": decode, "reply": reply}


def main(name="python-stdlib-codec", version="1.0.0"):
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    send = lambda obj: (sys.stdout.write(json.dumps(obj) + "\n"), sys.stdout.flush())
    send({"type": "hello", "protocol": 1, "name": name, "version": version, "wire": "xml", "operations": list(OPS)})
    for line in sys.stdin:
        request = json.loads(line)
        try:
            send({"id": request["id"], "ok": True, "output": OPS[request["op"]](request["input"])})
        except Exception as e:  # a refusal, or a bug: either way an error answer, never a crash
            send({"id": request["id"], "ok": False, "error": str(e)})


if __name__ == "__main__":
    main()
