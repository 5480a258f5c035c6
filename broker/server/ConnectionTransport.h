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
    // Close in graceMs at the latest, whatever is still pending, unless the peer closes
    // first: the answer to our connection.close has not come, or the peer has not closed
    // after our close-ok. Reading goes on meanwhile.
    virtual void closeAfter(int graceMs) = 0;
    // Stop or resume reading from the peer: TCP then pushes back on a blocked publisher.
    virtual void setReading(bool on) = 0;
};

} // namespace warren::server
