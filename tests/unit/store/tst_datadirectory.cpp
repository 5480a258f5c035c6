// Unit tests of store::DataDirectory: created when missing, held with a lock file.
//
// Concerns:
//  - acquire() creates missing directories and the lock file; file() names files in it
//  - a second DataDirectory on the same path is refused while the first holds it, with a
//    message naming the directory and the holder's process id; once released it can be
//    taken again
//  - a lock left by a process that is gone (kill -9) does not block
//  - a path that cannot be a directory is refused with a message saying so

#include "StoreTestSupport.h"
#include "store/DataDirectory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest/QTest>

using warren::store::DataDirectory;

class TestDataDirectory : public QObject {
    Q_OBJECT
private slots:
    void acquireCreatesTheDirectory()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("a/b/data"));
        DataDirectory data(path);
        QString error;
        QVERIFY2(data.acquire(&error), qPrintable(error));
        QVERIFY(QFileInfo(path).isDir());
        QVERIFY(QFile::exists(path + QStringLiteral("/warren.lock")));
        QCOMPARE(data.file(QStringLiteral("topology.json")), path + QStringLiteral("/topology.json"));
    }

    void secondHolderRefused()
    {
        QTemporaryDir tmp;
        QString error;
        auto first = std::make_unique<DataDirectory>(tmp.path());
        QVERIFY2(first->acquire(&error), qPrintable(error));

        DataDirectory second(tmp.path());
        QVERIFY(!second.acquire(&error));
        QVERIFY2(error.contains(QStringLiteral("in use by another Warren")), qPrintable(error));
        QVERIFY2(error.contains(tmp.path()), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("process %1").arg(QCoreApplication::applicationPid())), qPrintable(error));

        first.reset();   // released
        error.clear();
        QVERIFY2(second.acquire(&error), qPrintable(error));
    }

    void lockOfAGoneProcessIsStale()
    {
        QTemporaryDir tmp;
        // A lock file whose holder no longer runs: its pid is that of a finished child.
        QProcess child;
        child.start(QStringLiteral("/bin/true"), {});
        QVERIFY(child.waitForStarted());
        const qint64 pid = child.processId();
        QVERIFY(child.waitForFinished());
        // A real lock file's content (pid, application, host...), left behind on disk.
        const QString lockPath = tmp.filePath(QStringLiteral("warren.lock"));
        QByteArray content;
        {
            QLockFile lock(lockPath);
            QVERIFY(lock.tryLock(0));
            QFile f(lockPath);
            QVERIFY(f.open(QIODevice::ReadOnly));
            content = f.readAll();
        }
        const QByteArray rest = content.mid(content.indexOf('\n'));
        QString error;
        // Left by a process that still runs (this one): refused.
        QVERIFY(storetest::writeFile(lockPath, QByteArray::number(QCoreApplication::applicationPid()) + rest));
        QVERIFY(!DataDirectory(tmp.path()).acquire(&error));
        // Left by one that is gone, as after kill -9: taken over.
        QVERIFY(storetest::writeFile(lockPath, QByteArray::number(pid) + rest));
        DataDirectory data(tmp.path());
        QVERIFY2(data.acquire(&error), qPrintable(error));
    }

    void unusablePath()
    {
        QTemporaryDir tmp;
        const QString file = tmp.filePath(QStringLiteral("plain-file"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        DataDirectory data(file + QStringLiteral("/data"));
        QString error;
        QVERIFY(!data.acquire(&error));
        QVERIFY2(error.startsWith(QStringLiteral("cannot create the data directory")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestDataDirectory)
#include "tst_datadirectory.moc"
