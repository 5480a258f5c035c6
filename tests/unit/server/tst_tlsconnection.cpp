// AMQPS in the broker, over real loopback sockets in one thread, with certificates made for
// the run by tests/tools/make-test-certs.sh (openssl):
// - the files: an RSA and an EC key serve; a missing file, a file without a certificate or
//   key, a key of another certificate are refused with a reason, before any handshake;
// - a TLS client that trusts the test CA gets connection.start once it sent the protocol
//   header, over the TLS handshake;
// - a plain client on the TLS port is closed without an AMQP answer, and the listener goes on;
// - a handshake that never starts is cut by the handshake timeout, as an AMQP one is;
// - client certificates: required (--tls-verify-peer) or optional (a CA alone), a
//   certificate from an unknown CA refused either way.
#include "server/AcceptGate.h"
#include "server/Listener.h"
#include "server/ServerContext.h"
#include "server/TlsServerConfig.h"

#include <QtTest>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>

#include <memory>

using namespace warren;

namespace {

QString g_certs;   // the directory make-test-certs.sh filled

QString certFile(const QString &name)
{
    return g_certs + QLatin1Char('/') + name;
}

server::TlsFiles serverFiles(const QString &ca = {}, bool verifyPeer = false)
{
    return {certFile(QStringLiteral("server.pem")), certFile(QStringLiteral("server.key")),
            ca.isEmpty() ? QString() : certFile(ca), verifyPeer};
}

// connection.start: a method frame on channel 0, class 10, method 10.
bool isConnectionStart(const QByteArray &bytes)
{
    return bytes.size() >= 11 && bytes.startsWith(QByteArray("\x01\x00\x00", 3))
        && bytes.mid(7, 4) == QByteArray("\x00\x0a\x00\x0a", 4);
}

// A TLS client that trusts the test CA (and checks the broker's name), presents the client
// certificate `identity` if given, and sends the protocol header once the handshake is done.
class TlsClient {
public:
    explicit TlsClient(quint16 port, const QString &identity = {})
    {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(QSslCertificate::fromPath(certFile(QStringLiteral("ca.pem"))));
        if (!identity.isEmpty()) {
            ssl.setLocalCertificate(QSslCertificate::fromPath(certFile(identity + QStringLiteral(".pem"))).value(0));
            QFile key(certFile(identity + QStringLiteral(".key")));
            if (!key.open(QIODevice::ReadOnly))
                qFatal("cannot read the client key");
            ssl.setPrivateKey(QSslKey(key.readAll(), QSsl::Rsa));
        }
        socket_.setSslConfiguration(ssl);
        QObject::connect(&socket_, &QSslSocket::encrypted, [this] { socket_.write("AMQP\0\0\x09\x01", 8); });
        QObject::connect(&socket_, &QSslSocket::readyRead, [this] { received_ += socket_.readAll(); });
        QObject::connect(&socket_, &QSslSocket::disconnected, [this] { disconnected_ = true; });
        socket_.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port, QStringLiteral("localhost"));
    }

    bool greeted() const { return isConnectionStart(received_); }
    bool isDisconnected() const { return disconnected_; }
    QSslSocket &socket() { return socket_; }

private:
    QSslSocket socket_;
    QByteArray received_;
    bool disconnected_ = false;
};

// A client without TLS: connects, sends `bytes` (nothing, or a plain protocol header).
class PlainClient {
public:
    PlainClient(quint16 port, const QByteArray &bytes)
    {
        QObject::connect(&socket_, &QTcpSocket::connected, [this, bytes] { socket_.write(bytes); });
        QObject::connect(&socket_, &QTcpSocket::readyRead, [this] { received_ += socket_.readAll(); });
        QObject::connect(&socket_, &QTcpSocket::disconnected, [this] { disconnected_ = true; });
        socket_.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    }

    bool isDisconnected() const { return disconnected_; }
    const QByteArray &received() const { return received_; }

private:
    QTcpSocket socket_;
    QByteArray received_;
    bool disconnected_ = false;
};

// The broker side: a context, a gate and a TLS listener on a free loopback port.
struct Server {
    explicit Server(const server::TlsFiles &files, int handshakeTimeoutMs = 10'000) : gate(0, 1 << 20)
    {
        context.settings.handshakeTimeoutMs = handshakeTimeoutMs;
        QString error;
        std::optional<server::TlsServerConfig> tls = server::TlsServerConfig::load(files, &error);
        if (!tls)
            qFatal("the test certificates do not serve: %s", qPrintable(error));
        listener = new server::Listener(context, gate, tls, owner.get());
        if (!listener->listen(QHostAddress(QHostAddress::LocalHost), 0))
            qFatal("cannot listen");
    }
    quint16 port() const { return listener->serverPort(); }

    server::ServerContext context;
    server::AcceptGate gate;
    std::unique_ptr<QObject> owner = std::make_unique<QObject>();   // the connections, before the context
    server::Listener *listener;
};

} // namespace

class TlsConnectionTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void loadsRsaAndEcKeys();
    void refusesFilesThatCannotServe_data();
    void refusesFilesThatCannotServe();
    void servesAmqpOverTls();
    void closesAPlainClientOnTheTlsPort();
    void cutsAHandshakeThatNeverStarts();
    void requiresAClientCertificate();
    void acceptsAnOptionalClientCertificate();

private:
    QTemporaryDir dir_;
};

void TlsConnectionTest::initTestCase()
{
    QVERIFY(QSslSocket::supportsSsl());
    QVERIFY(dir_.isValid());
    QProcess make;
    make.start(QStringLiteral("bash"), {QStringLiteral(WARREN_MAKE_TEST_CERTS), dir_.path()});
    QVERIFY(make.waitForFinished(60'000));
    QCOMPARE(make.exitCode(), 0);
    g_certs = dir_.path();
}

void TlsConnectionTest::cleanupTestCase()
{
    g_certs.clear();
}

void TlsConnectionTest::loadsRsaAndEcKeys()
{
    QString error;
    const std::optional<server::TlsServerConfig> rsa = server::TlsServerConfig::load(serverFiles(), &error);
    QVERIFY2(rsa, qPrintable(error));
    QCOMPARE(rsa->ssl.privateKey().algorithm(), QSsl::Rsa);
    QCOMPARE(rsa->ssl.peerVerifyMode(), QSslSocket::VerifyNone);   // no client certificate asked

    const std::optional<server::TlsServerConfig> ec = server::TlsServerConfig::load(
        {certFile(QStringLiteral("server-ec.pem")), certFile(QStringLiteral("server-ec.key"))}, &error);
    QVERIFY2(ec, qPrintable(error));
    QCOMPARE(ec->ssl.privateKey().algorithm(), QSsl::Ec);

    const auto optional = server::TlsServerConfig::load(serverFiles(QStringLiteral("ca.pem")), &error);
    QVERIFY(optional);
    QCOMPARE(optional->ssl.peerVerifyMode(), QSslSocket::VerifyPeer);
    QVERIFY(optional->clientCertificateOptional);
    QCOMPARE(optional->ssl.caCertificates().size(), 1);   // the test CA alone, not the system's
    const auto required = server::TlsServerConfig::load(serverFiles(QStringLiteral("ca.pem"), true), &error);
    QVERIFY(required);
    QVERIFY(!required->clientCertificateOptional);
}

void TlsConnectionTest::refusesFilesThatCannotServe_data()
{
    QTest::addColumn<QString>("cert");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("ca");
    QTest::addColumn<bool>("verifyPeer");
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing certificate") << "missing.pem" << "server.key" << "" << false << "cannot read .*missing.pem";
    QTest::newRow("missing key") << "server.pem" << "missing.key" << "" << false << "cannot read .*missing.key";
    QTest::newRow("a key as certificate") << "server.key" << "server.key" << "" << false << "no certificate in";
    QTest::newRow("a certificate as key") << "server.pem" << "server.pem" << "" << false
                                          << "no usable private key in .*server.pem";
    QTest::newRow("another certificate's key") << "server.pem" << "client.key" << "" << false
                                                << "private key in .*client.key does not go with the certificate";
    QTest::newRow("no CA file") << "server.pem" << "server.key" << "missing-ca.pem" << false << "cannot read";
    QTest::newRow("verify without CA") << "server.pem" << "server.key" << "" << true << "needs the CA certificates";
}

void TlsConnectionTest::refusesFilesThatCannotServe()
{
    QFETCH(QString, cert);
    QFETCH(QString, key);
    QFETCH(QString, ca);
    QFETCH(bool, verifyPeer);
    QFETCH(QString, reason);
    QString error;
    const server::TlsFiles files{certFile(cert), certFile(key), ca.isEmpty() ? QString() : certFile(ca), verifyPeer};
    QVERIFY(!server::TlsServerConfig::load(files, &error));
    QVERIFY2(error.contains(QRegularExpression(reason)), qPrintable(error));
}

void TlsConnectionTest::servesAmqpOverTls()
{
    Server s(serverFiles());
    TlsClient client(s.port());
    QTRY_VERIFY(client.greeted());
    QVERIFY(client.socket().isEncrypted());
    QCOMPARE(client.socket().peerCertificate().subjectInfo(QSslCertificate::CommonName),
             QStringList{QStringLiteral("localhost")});
    QCOMPARE(s.context.connections().size(), size_t(1));
}

void TlsConnectionTest::closesAPlainClientOnTheTlsPort()
{
    Server s(serverFiles());
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("TLS handshake with 127.0.0.1:\\d+ failed: .+")));
    QElapsedTimer elapsed;
    elapsed.start();
    PlainClient plain(s.port(), QByteArray("AMQP\0\0\x09\x01", 8));
    QTRY_VERIFY_WITH_TIMEOUT(plain.isDisconnected(), 3000);
    QVERIFY2(elapsed.elapsed() < 3000, "closed only by the handshake timeout");
    QVERIFY(!plain.received().startsWith("AMQP") && !isConnectionStart(plain.received()));
    QTRY_COMPARE(s.gate.openConnections(), 0);
    QCOMPARE(s.context.connections().size(), size_t(0));   // the connection went with its socket

    TlsClient client(s.port());   // the listener goes on
    QTRY_VERIFY(client.greeted());
}

void TlsConnectionTest::cutsAHandshakeThatNeverStarts()
{
    Server s(serverFiles(), 400);
    QElapsedTimer elapsed;
    elapsed.start();
    PlainClient silent(s.port(), {});
    QTRY_VERIFY_WITH_TIMEOUT(silent.isDisconnected(), 3000);
    QVERIFY2(elapsed.elapsed() >= 350, qPrintable(QString::number(elapsed.elapsed())));
    QVERIFY(silent.received().isEmpty());
    QTRY_COMPARE(s.gate.openConnections(), 0);
}

void TlsConnectionTest::requiresAClientCertificate()
{
    Server s(serverFiles(QStringLiteral("ca.pem"), true));
    TlsClient anonymous(s.port());
    TlsClient stranger(s.port(), QStringLiteral("other-client"));
    TlsClient known(s.port(), QStringLiteral("client"));
    QTRY_VERIFY(known.greeted());
    QTRY_VERIFY(anonymous.isDisconnected() && stranger.isDisconnected());
    QVERIFY(!anonymous.greeted());
    QVERIFY(!stranger.greeted());
    QTRY_COMPARE(s.context.connections().size(), size_t(1));
}

void TlsConnectionTest::acceptsAnOptionalClientCertificate()
{
    Server s(serverFiles(QStringLiteral("ca.pem")));
    TlsClient anonymous(s.port());
    TlsClient stranger(s.port(), QStringLiteral("other-client"));
    TlsClient known(s.port(), QStringLiteral("client"));
    QTRY_VERIFY(known.greeted() && anonymous.greeted());
    QTRY_VERIFY(stranger.isDisconnected());
    QVERIFY(!stranger.greeted());
    QTRY_COMPARE(s.context.connections().size(), size_t(2));
}

QTEST_GUILESS_MAIN(TlsConnectionTest)
#include "tst_tlsconnection.moc"
