"""Length-prefixed pickles over a pipe: what the build, the PDF helper and its workers send each other.

A frame is a pickle's length (8 bytes, network order) followed by the pickle; a
reader gets the bytes in pieces of any size and takes out whole frames only.
Only studykit's own processes (forked or started by the build) are at either
end of these pipes.
"""

from __future__ import annotations

import pickle
import struct

HEADER = struct.Struct("!Q")


class Frames:
    """Length-prefixed pickles read from a byte stream that arrives in pieces."""

    def __init__(self):
        self.buffer = bytearray()

    def feed(self, data: bytes) -> list:
        self.buffer += data
        found = []
        while len(self.buffer) >= HEADER.size:
            size = HEADER.unpack_from(self.buffer)[0]
            if len(self.buffer) < HEADER.size + size:
                break
            found.append(pickle.loads(bytes(self.buffer[HEADER.size:HEADER.size + size])))
            del self.buffer[:HEADER.size + size]
        return found


def frame(value) -> bytes:
    """``value`` as one frame: its pickle's length, then the pickle."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(len(data)) + data
