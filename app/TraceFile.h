// `warren --headless --trace-file FILE`: the event tap's batches as JSON lines in a file (or
// on standard output for "-"), with a line each second counting the events not traced.
// Flushed every second and when it is destroyed (after SIGTERM stopped the broker).
#pragma once

#include "observe/TraceEvent.h"

#include <QFile>
#include <QObject>
#include <QTimer>

class TraceFile : public QObject {
    Q_OBJECT
public:
    explicit TraceFile(QObject *parent = nullptr);
    ~TraceFile() override;

    // False (and `error`) when the file cannot be opened.
    bool open(const QString &path, QString *error);
    void write(const warren::observe::TraceBatch &batch);

private:
    void everySecond();

    QFile file_;
    QTimer second_;
    std::uint64_t untraced_ = 0;   // since the last per-second line
    std::uint64_t lost_ = 0;
    int sampleEvery_ = 1;
};
