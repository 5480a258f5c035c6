#include "TraceFile.h"

#include "observe/TraceJson.h"

#include <QDateTime>

#include <cstdio>

TraceFile::TraceFile(QObject *parent) : QObject(parent)
{
    second_.setInterval(1000);
    connect(&second_, &QTimer::timeout, this, &TraceFile::everySecond);
}

TraceFile::~TraceFile()
{
    if (file_.isOpen())
        everySecond();
}

bool TraceFile::open(const QString &path, QString *error)
{
    const bool ok = path == QLatin1String("-") ? file_.open(stdout, QIODevice::WriteOnly)
                                                : (file_.setFileName(path), file_.open(QIODevice::WriteOnly));
    if (!ok) {
        *error = QStringLiteral("cannot write the trace file %1: %2").arg(path, file_.errorString());
        return false;
    }
    second_.start();
    return true;
}

void TraceFile::write(const warren::observe::TraceBatch &batch)
{
    for (const warren::observe::TraceEvent &e : batch.events)
        file_.write(warren::observe::traceJsonLine(e));
    untraced_ += batch.untraced;
    lost_ += batch.lost;
    sampleEvery_ = batch.sampleEvery;
}

void TraceFile::everySecond()
{
    file_.write(warren::observe::untracedJsonLine(QDateTime::currentMSecsSinceEpoch() * 1000, untraced_, lost_,
                                                  sampleEvery_));
    untraced_ = lost_ = 0;
    file_.flush();
}
