#!/usr/bin/env python3
"""The Python example codec with one fault: decode trims white space from the
call-id. The suite must catch it (reject.decode.plain and others fail):

    npx conformance --adapter "exec:python3 examples/python/broken_codec.py"
"""

import codec

_decode = codec.decode


def decode_trimming(text):
    msg = _decode(text)
    msg["callId"] = msg["callId"].strip() or msg["callId"]
    return msg


codec.OPS["decode"] = decode_trimming

if __name__ == "__main__":
    codec.main(name="python-stdlib-codec-trims-call-id")
