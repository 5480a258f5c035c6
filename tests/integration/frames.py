"""A tiny AMQP 0-9-1 frame encoder/decoder and a raw-socket client, independent of pika.

Only what the wire tests need: build any frame byte by byte (including broken ones),
do the connection handshake, read frames back and decode the few methods the tests
look at (connection.start/tune/close, channel.open-ok/close, basic.get-ok/deliver,
content headers).
"""

import socket
import struct
import time

PROTOCOL_HEADER = b"AMQP\x00\x00\x09\x01"
FRAME_METHOD, FRAME_HEADER, FRAME_BODY, FRAME_HEARTBEAT = 1, 2, 3, 8
FRAME_END = 0xCE

# (class id, method id) of the methods used here
CONNECTION_START = (10, 10)
CONNECTION_START_OK = (10, 11)
CONNECTION_TUNE = (10, 30)
CONNECTION_TUNE_OK = (10, 31)
CONNECTION_OPEN = (10, 40)
CONNECTION_OPEN_OK = (10, 41)
CONNECTION_CLOSE = (10, 50)
CONNECTION_CLOSE_OK = (10, 51)
CHANNEL_OPEN = (20, 10)
CHANNEL_OPEN_OK = (20, 11)
CHANNEL_CLOSE = (20, 40)
CHANNEL_CLOSE_OK = (20, 41)
QUEUE_DECLARE = (50, 10)
QUEUE_DECLARE_OK = (50, 11)
BASIC_QOS = (60, 10)
BASIC_QOS_OK = (60, 11)
BASIC_CONSUME = (60, 20)
BASIC_CONSUME_OK = (60, 21)
BASIC_PUBLISH = (60, 40)
BASIC_GET = (60, 70)
BASIC_GET_OK = (60, 71)
BASIC_GET_EMPTY = (60, 72)
BASIC_REJECT = (60, 90)


# --- encoding -------------------------------------------------------------------------

def octet(n):
    return struct.pack(">B", n)


def short(n):
    return struct.pack(">H", n)


def long_(n):
    return struct.pack(">I", n)


def longlong(n):
    return struct.pack(">Q", n)


def shortstr(s):
    b = s.encode() if isinstance(s, str) else s
    return struct.pack(">B", len(b)) + b


def longstr(s):
    b = s.encode() if isinstance(s, str) else s
    return struct.pack(">I", len(b)) + b


def bits(*flags):
    """Consecutive bit fields packed into one octet, first flag in the lowest bit."""
    v = 0
    for i, f in enumerate(flags):
        if f:
            v |= 1 << i
    return octet(v)


def table(fields=None):
    """fields: {name: (type_char, encoded_value_bytes)} or {name: str} (longstr)."""
    body = b""
    for name, value in (fields or {}).items():
        if isinstance(value, str):
            value = ("S", longstr(value))
        body += shortstr(name) + value[0].encode() + value[1]
    return long_(len(body)) + body


def frame(ftype, channel, payload, end=FRAME_END, size=None):
    """A frame; size and end let a test lie about the length or break the end octet."""
    return (struct.pack(">BHI", ftype, channel, len(payload) if size is None else size)
            + payload + bytes([end]))


def method_frame(channel, method, args=b""):
    return frame(FRAME_METHOD, channel, struct.pack(">HH", *method) + args)


def header_frame(channel, body_size, class_id=60, flags=0, props=b""):
    """A content header; with flags=None, props is the whole property list, its flags
    included (or left out)."""
    head = struct.pack(">HHQ", class_id, 0, body_size)
    return frame(FRAME_HEADER, channel, head + (props if flags is None else short(flags) + props))


def body_frame(channel, data):
    return frame(FRAME_BODY, channel, data)


def heartbeat_frame(channel=0):
    return frame(FRAME_HEARTBEAT, channel, b"")


def start_ok(user="guest", password="guest", mechanism="PLAIN"):
    return (table({"product": "warren-wire-test"}) + shortstr(mechanism)
            + longstr(b"\x00" + user.encode() + b"\x00" + password.encode()) + shortstr("en_US"))


def queue_declare_args(name, passive=False, durable=False, exclusive=False, auto_delete=False,
                       nowait=False, arguments=None):
    return short(0) + shortstr(name) + bits(passive, durable, exclusive, auto_delete, nowait) \
        + table(arguments)


def publish_args(exchange, routing_key, mandatory=False, immediate=False):
    return short(0) + shortstr(exchange) + shortstr(routing_key) + bits(mandatory, immediate)


def get_args(queue, no_ack=True):
    return short(0) + shortstr(queue) + bits(no_ack)


def close_args(code=200, text="bye", class_id=0, method_id=0):
    return short(code) + shortstr(text) + short(class_id) + short(method_id)


# --- decoding -------------------------------------------------------------------------

class Frame:
    def __init__(self, ftype, channel, payload):
        self.type, self.channel, self.payload = ftype, channel, payload

    @property
    def method(self):
        if self.type != FRAME_METHOD:
            return None
        return struct.unpack(">HH", self.payload[:4])

    def __repr__(self):
        return "Frame(type=%d, channel=%d, method=%s, payload=%r)" % (
            self.type, self.channel, self.method, self.payload[:60])


class Reader:
    """Sequential reader over a method's argument bytes."""

    def __init__(self, data, offset=0):
        self.data, self.pos = data, offset

    def _take(self, fmt):
        v = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return v[0]

    def octet(self):
        return self._take(">B")

    def short(self):
        return self._take(">H")

    def long(self):
        return self._take(">I")

    def longlong(self):
        return self._take(">Q")

    def shortstr(self):
        n = self.octet()
        s = self.data[self.pos:self.pos + n]
        self.pos += n
        return s.decode("utf-8", "replace")

    def longstr(self):
        n = self.long()
        s = self.data[self.pos:self.pos + n]
        self.pos += n
        return s

    def table_raw(self):
        n = self.long()
        s = self.data[self.pos:self.pos + n]
        self.pos += n
        return s


def decode_table(data):
    """A field table's bytes (without the length prefix) -> {name: value}, for reading only."""
    r, out = Reader(data), {}
    while r.pos < len(data):
        name = r.shortstr()
        out[name] = _decode_value(r)
    return out


def _decode_value(r):
    t = chr(r.octet())
    fixed = {"t": ">B", "b": ">b", "B": ">B", "s": ">h", "u": ">H", "I": ">i", "i": ">I",
             "l": ">q", "f": ">f", "d": ">d", "T": ">Q"}
    if t in fixed:
        v = r._take(fixed[t])
        return bool(v) if t == "t" else v
    if t == "S" or t == "x":
        return r.longstr()
    if t == "F":
        return decode_table(r.table_raw())
    if t == "A":
        data, items = r.table_raw(), []
        ar = Reader(data)
        while ar.pos < len(data):
            items.append(_decode_value(ar))
        return items
    if t == "D":
        scale = r.octet()
        return (scale, r._take(">i"))
    if t == "V":
        return None
    raise ValueError("unknown field type %r" % t)


def parse_start(f):
    r = Reader(f.payload, 4)
    return {"version_major": r.octet(), "version_minor": r.octet(),
            "server_properties": decode_table(r.table_raw()),
            "mechanisms": r.longstr(), "locales": r.longstr()}


def parse_close(f):
    """(reply_code, reply_text, class_id, method_id) of a connection.close/channel.close frame."""
    r = Reader(f.payload, 4)
    return r.short(), r.shortstr(), r.short(), r.short()


def parse_tune(f):
    r = Reader(f.payload, 4)
    return {"channel_max": r.short(), "frame_max": r.long(), "heartbeat": r.short()}


# --- a raw connection -----------------------------------------------------------------

class ConnectionClosedByPeer(Exception):
    pass


class RawConnection:
    def __init__(self, port, host="127.0.0.1", timeout=5.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""
        self.start = None
        self.tune = None

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def send(self, data):
        self.sock.sendall(data)

    def _fill(self, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise socket.timeout("no data from the broker in time")
        self.sock.settimeout(remaining)
        try:
            chunk = self.sock.recv(65536)
        except ConnectionResetError:
            chunk = b""
        if not chunk:
            raise ConnectionClosedByPeer()
        self.buf += chunk

    def recv_exact(self, n, timeout=5.0):
        deadline = time.monotonic() + timeout
        while len(self.buf) < n:
            self._fill(deadline)
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def recv_frame(self, timeout=5.0, skip_heartbeats=True):
        deadline = time.monotonic() + timeout
        while True:
            while len(self.buf) < 7:
                self._fill(deadline)
            ftype, channel, size = struct.unpack(">BHI", self.buf[:7])
            while len(self.buf) < 8 + size:
                self._fill(deadline)
            payload, end = self.buf[7:7 + size], self.buf[7 + size]
            self.buf = self.buf[8 + size:]
            assert end == FRAME_END, "broker sent a frame with end octet %#x" % end
            if ftype == FRAME_HEARTBEAT and skip_heartbeats:
                continue
            return Frame(ftype, channel, payload)

    def recv_method(self, expected=None, timeout=5.0):
        f = self.recv_frame(timeout)
        if expected is not None and f.method != expected:
            raise AssertionError("expected method %s, got %r" % (expected, f))
        return f

    def read_until_closed(self, timeout=5.0):
        """Everything the broker still sends until it closes the socket (or timeout: raises)."""
        deadline = time.monotonic() + timeout
        data = self.buf
        self.buf = b""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise socket.timeout("broker did not close the socket; got %r" % data[:100])
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(65536)
            except ConnectionResetError:
                return data
            if not chunk:
                return data
            data += chunk

    def handshake(self, frame_max=131072, heartbeat=0, channel_max=2047, vhost="/"):
        """Header, start/start-ok, tune/tune-ok, open/open-ok. Returns the server's tune."""
        self.send(PROTOCOL_HEADER)
        self.start = parse_start(self.recv_method(CONNECTION_START))
        self.send(method_frame(0, CONNECTION_START_OK, start_ok()))
        self.tune = parse_tune(self.recv_method(CONNECTION_TUNE))
        self.send(method_frame(0, CONNECTION_TUNE_OK,
                               short(channel_max) + long_(frame_max) + short(heartbeat)))
        self.send(method_frame(0, CONNECTION_OPEN, shortstr(vhost) + shortstr("") + bits(False)))
        self.recv_method(CONNECTION_OPEN_OK)
        return self.tune

    def open_channel(self, channel=1):
        self.send(method_frame(channel, CHANNEL_OPEN, shortstr("")))
        f = self.recv_method(CHANNEL_OPEN_OK)
        assert f.channel == channel, f
        return f

    def expect_connection_close(self, timeout=5.0):
        """Waits for connection.close; answers close-ok; checks the broker then closes the socket.

        Returns (reply_code, reply_text, class_id, method_id)."""
        while True:
            f = self.recv_frame(timeout)
            if f.method == CONNECTION_CLOSE:
                break
            # anything else before the close (e.g. a queued delivery) is not what we look at
        result = parse_close(f)
        assert f.channel == 0, "connection.close must be on channel 0: %r" % f
        self.send(method_frame(0, CONNECTION_CLOSE_OK))
        rest = self.read_until_closed(timeout)
        assert rest == b"", "broker sent %r after connection.close-ok" % rest[:100]
        return result

    def expect_channel_close(self, channel, timeout=5.0):
        """Waits for channel.close on `channel`, answers close-ok. Returns the close's fields."""
        f = self.recv_method(CHANNEL_CLOSE, timeout)
        assert f.channel == channel, f
        self.send(method_frame(channel, CHANNEL_CLOSE_OK))
        return parse_close(f)
