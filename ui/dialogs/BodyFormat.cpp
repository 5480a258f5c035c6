#include "BodyFormat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocale>
#include <QStringDecoder>

namespace warren::ui {

namespace {

constexpr qsizetype kHexLimit = 64 * 1024;   // a hex dump is 4.5 times the body: enough to look at
constexpr int kHexPerLine = 16;
constexpr int kIndent = 2;

QString hexLine(const QByteArray &body, qsizetype offset)
{
    const QByteArray chunk = body.mid(offset, kHexPerLine);
    QString line = QStringLiteral("%1  ").arg(offset, 8, 16, QLatin1Char('0'));
    QString printable;
    for (int i = 0; i < kHexPerLine; ++i) {
        if (i == kHexPerLine / 2)
            line += QLatin1Char(' ');
        if (i < chunk.size()) {
            const auto byte = static_cast<unsigned char>(chunk[i]);
            line += QStringLiteral("%1 ").arg(uint(byte), 2, 16, QLatin1Char('0'));
            printable += byte >= 0x20 && byte < 0x7f ? QLatin1Char(char(byte)) : QLatin1Char('.');
        } else {
            line += QStringLiteral("   ");
        }
    }
    return line + QStringLiteral(" |") + printable + QLatin1Char('|');   // as hexdump -C
}

// Re-indents valid JSON text: a newline and indent after { [ and ,, a space after :,
// whitespace outside strings dropped, empty {} and [] kept on one line.
QByteArray reindent(const QByteArray &json)
{
    QByteArray out;
    int depth = 0;
    bool inString = false;
    const auto newline = [&] { out += '\n' + QByteArray(depth * kIndent, ' '); };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < json.size())
                out += json[++i];
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case ' ': case '\t': case '\n': case '\r':
            break;
        case '"':
            inString = true;
            out += c;
            break;
        case '{': case '[': {
            out += c;
            qsizetype next = i + 1;
            while (next < json.size() && QByteArrayView(" \t\r\n").contains(json[next]))
                ++next;
            if (next < json.size() && (json[next] == '}' || json[next] == ']')) {
                out += json[next];
                i = next;
            } else {
                ++depth;
                newline();
            }
            break;
        }
        case '}': case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += ": ";
            break;
        default:
            out += c;
        }
    }
    return out;
}

// QJsonDocument holds only objects and arrays; a bare value is checked inside an array.
QJsonParseError parseError(const QByteArray &body)
{
    QJsonParseError error;
    QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        QJsonParseError wrapped;
        const QJsonDocument doc = QJsonDocument::fromJson('[' + body + ']', &wrapped);
        if (wrapped.error == QJsonParseError::NoError && doc.array().size() == 1)
            return wrapped;
    }
    return error;
}

} // namespace

QString BodyFormats::name(BodyFormat format)
{
    switch (format) {
    case BodyFormat::Text: return tr("Text");
    case BodyFormat::Hex: return tr("Hex");
    case BodyFormat::Json: return tr("JSON");
    }
    return {};
}

QString BodyFormats::render(const QByteArray &body, BodyFormat format)
{
    switch (format) {
    case BodyFormat::Text: return text(body);
    case BodyFormat::Hex: return hex(body);
    case BodyFormat::Json: return json(body);
    }
    return {};
}

bool BodyFormats::isJson(const QByteArray &body)
{
    return parseError(body).error == QJsonParseError::NoError;
}

QString BodyFormats::text(const QByteArray &body)
{
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString decoded = utf8(body);
    return utf8.hasError() ? tr("The payload is not UTF-8 text; the Hex view shows its bytes.") : decoded;
}

QString BodyFormats::hex(const QByteArray &body)
{
    QStringList lines;
    const qsizetype shown = std::min(body.size(), kHexLimit);
    for (qsizetype offset = 0; offset < shown; offset += kHexPerLine)
        lines.append(hexLine(body, offset));
    if (shown < body.size())
        lines.append(tr("… the first %1 of %2 bytes shown")
                         .arg(QLocale().toString(shown), QLocale().toString(body.size())));
    return lines.join(QLatin1Char('\n'));
}

QString BodyFormats::json(const QByteArray &body)
{
    const QJsonParseError error = parseError(body);
    if (error.error != QJsonParseError::NoError)
        return tr("The payload is not JSON: %1 at byte %2.").arg(error.errorString()).arg(error.offset);
    return QString::fromUtf8(reindent(body));
}

} // namespace warren::ui
