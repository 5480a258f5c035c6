// What an AMQPS listener gives each of its connections: the broker's certificate chain and
// private key, and what it asks of a client's certificate. Read from PEM files once, at start,
// so that a file that cannot serve stops the broker there rather than fail every handshake.
#pragma once

#include <QSslConfiguration>
#include <QString>

#include <optional>

namespace warren::server {

struct TlsFiles {
    QString certificate;      // the broker's certificate, then any intermediate ones
    QString privateKey;       // unencrypted: RSA, EC or DSA
    QString caCertificates;   // empty: clients are not asked for a certificate
    bool verifyPeer = false;  // a client must present a certificate signed by one of them
};

struct TlsServerConfig {
    QSslConfiguration ssl;
    // A client is asked for a certificate, which must be valid when given, but may have none:
    // RabbitMQ's verify_peer with fail_if_no_peer_cert = false.
    bool clientCertificateOptional = false;

    // Empty, with *error saying why, when the files are unreadable, hold no certificate or
    // no usable key, or the key is not the certificate's.
    static std::optional<TlsServerConfig> load(const TlsFiles &files, QString *error);
};

} // namespace warren::server
