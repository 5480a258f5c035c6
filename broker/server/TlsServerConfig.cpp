#include "TlsServerConfig.h"

#include <QFile>
#include <QSslKey>
#include <QSslSocket>

#include <sys/socket.h>
#include <unistd.h>

namespace warren::server {

namespace {

std::optional<QByteArray> readFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

std::optional<QList<QSslCertificate>> readCertificates(const QString &path, QString *error)
{
    const std::optional<QByteArray> pem = readFile(path, error);
    if (!pem)
        return std::nullopt;
    QList<QSslCertificate> certificates = QSslCertificate::fromData(*pem, QSsl::Pem);
    if (certificates.isEmpty()) {
        *error = QStringLiteral("no certificate in %1 (PEM expected)").arg(path);
        return std::nullopt;
    }
    return certificates;
}

std::optional<QSslKey> readPrivateKey(const QString &path, QString *error)
{
    const std::optional<QByteArray> pem = readFile(path, error);
    if (!pem)
        return std::nullopt;
    // The PEM file does not say which algorithm its key is for (PKCS#8), QSslKey must be told.
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        const QSslKey key(*pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    *error = QStringLiteral("no usable private key in %1 (an unencrypted PEM key: RSA, EC or DSA)").arg(path);
    return std::nullopt;
}

// Qt checks that the key belongs to the certificate only when a handshake builds its context.
// Building one here, on a socket pair nobody speaks on, makes a wrong key an error at start.
QString contextError(const QSslConfiguration &ssl)
{
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
        return {};   // cannot check here: the first handshake will
    QSslSocket probe;
    QString error;
    QObject::connect(&probe, &QSslSocket::errorOccurred, [&] { error = probe.errorString(); });
    if (probe.setSocketDescriptor(pair[0])) {
        probe.setSslConfiguration(ssl);
        probe.startServerEncryption();
        probe.abort();
    } else {
        ::close(pair[0]);
    }
    ::close(pair[1]);
    return error;
}

} // namespace

std::optional<TlsServerConfig> TlsServerConfig::load(const TlsFiles &files, QString *error)
{
    if (files.verifyPeer && files.caCertificates.isEmpty()) {
        *error = QStringLiteral("verifying clients' certificates needs the CA certificates that sign them");
        return std::nullopt;
    }
    if (!QSslSocket::supportsSsl()) {
        *error = QStringLiteral("Qt has no TLS backend here (Debian: libssl3 and Qt's openssl plugin)");
        return std::nullopt;
    }
    const std::optional<QList<QSslCertificate>> chain = readCertificates(files.certificate, error);
    const std::optional<QSslKey> key = chain ? readPrivateKey(files.privateKey, error) : std::nullopt;
    if (!key)
        return std::nullopt;
    TlsServerConfig config;
    config.ssl = QSslConfiguration::defaultConfiguration();
    config.ssl.setLocalCertificateChain(*chain);
    config.ssl.setPrivateKey(*key);
    if (!files.caCertificates.isEmpty()) {
        const std::optional<QList<QSslCertificate>> cas = readCertificates(files.caCertificates, error);
        if (!cas)
            return std::nullopt;
        config.ssl.setCaCertificates(*cas);   // these alone, not the system's
        config.ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
        config.clientCertificateOptional = !files.verifyPeer;
    } else {
        config.ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    if (QString problem = contextError(config.ssl); !problem.isEmpty()) {
        // Qt's text names no cause when OpenSSL gave none ("Unable to init SSL Context: ").
        while (problem.endsWith(u' ') || problem.endsWith(u':'))
            problem.chop(1);
        *error = QStringLiteral("the private key in %1 does not go with the certificate in %2 (%3)")
                     .arg(files.privateKey, files.certificate, problem);
        return std::nullopt;
    }
    return config;
}

} // namespace warren::server
