// The broker's data directory: created when missing and held with a lock file, so that two
// brokers never share one.
#pragma once

#include <QLockFile>
#include <QString>

#include <memory>

namespace warren::store {

class DataDirectory {
public:
    explicit DataDirectory(QString path) : path_(std::move(path)) {}

    // False with a message a person can act on when the directory cannot be used.
    bool acquire(QString *error);
    QString path() const { return path_; }
    QString file(const QString &name) const { return path_ + QLatin1Char('/') + name; }

private:
    QString path_;
    std::unique_ptr<QLockFile> lock_;
};

} // namespace warren::store
