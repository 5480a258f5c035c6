// A message body shown three ways: as UTF-8 text, as a hex dump, and as JSON re-indented.
// The JSON view re-indents the text itself instead of going through QJsonDocument, which
// would sort object keys and turn large integers into doubles: what is shown is what was
// sent, only laid out.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace warren::ui {

enum class BodyFormat { Text, Hex, Json };

class BodyFormats {
    Q_DECLARE_TR_FUNCTIONS(BodyFormats)
public:
    static QString name(BodyFormat format);
    static QString render(const QByteArray &body, BodyFormat format);
    static bool isJson(const QByteArray &body);

private:
    static QString text(const QByteArray &body);
    static QString hex(const QByteArray &body);
    static QString json(const QByteArray &body);
};

} // namespace warren::ui
