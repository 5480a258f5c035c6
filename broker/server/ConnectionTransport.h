// What a Connection needs from whatever carries its bytes: a TCP socket in the broker, a
// plain buffer in tests. The connection writes frames into its OutputBuffer and tells the
// transport; the transport writes them out before its event loop sleeps.
#pragma once

namespace warren::server {

class ConnectionTransport {
public:
    virtual ~ConnectionTransport() = default;
    // Output was added to the connection's buffer.
    virtual void outputReady() = 0;
    // Write what is pending, then close. The connection has already cleaned up.
    virtual void closeTransport() = 0;
    // The connection sent connection.close: close anyway if close-ok has not come
    // within graceMs.
    virtual void closeAfter(int graceMs) = 0;
    // Stop or resume reading from the peer: TCP then pushes back on a blocked publisher.
    virtual void setReading(bool on) = 0;
};

} // namespace warren::server
