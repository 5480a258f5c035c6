#include "MessageViewer.h"

#include "format/FieldTableText.h"

#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QTreeWidget>

namespace warren::ui {

namespace {

// contentType -> content_type: the properties as the AMQP spec and RabbitMQ's UI name them.
QString wireName(const char *member)
{
    QString name;
    for (const char *c = member; *c; ++c) {
        if (*c >= 'A' && *c <= 'Z')
            name += QLatin1Char('_');
        name += QChar(QLatin1Char(*c)).toLower();
    }
    return name;
}

QTreeWidgetItem *addRow(QTreeWidgetItem *parent, const QString &name, const QString &value)
{
    auto *item = new QTreeWidgetItem(parent, {name, value});
    item->setToolTip(1, value);
    return item;
}

// Nested tables and arrays become branches.
void addField(QTreeWidgetItem *parent, const QString &name, const amqp::FieldValue &value)
{
    using Type = amqp::FieldValue::Type;
    if (value.type() == Type::Table) {
        QTreeWidgetItem *branch = addRow(parent, name, QString());
        for (const auto &[key, nested] : value.toTable())
            addField(branch, QString::fromUtf8(key), nested);
    } else if (value.type() == Type::Array) {
        QTreeWidgetItem *branch = addRow(parent, name, QString());
        for (qsizetype i = 0; i < value.toArray().size(); ++i)
            addField(branch, QStringLiteral("[%1]").arg(i), value.toArray()[i]);
    } else {
        addRow(parent, name, describeValue(value));
    }
}

// One overload per property storage type; the X-macro below calls the right one.
void addProperty(QTreeWidgetItem *root, const QString &name, const std::optional<QByteArray> &value)
{
    if (value)
        addRow(root, name, describeValue(amqp::FieldValue::string(*value)));
}

void addProperty(QTreeWidgetItem *root, const QString &name, const std::optional<std::uint8_t> &value)
{
    if (value)
        addRow(root, name, QString::number(*value));
}

// The only 64-bit property is the timestamp.
void addProperty(QTreeWidgetItem *root, const QString &name, const std::optional<std::uint64_t> &value)
{
    if (value)
        addRow(root, name, QStringLiteral("%1 (%2)").arg(*value).arg(
                               QDateTime::fromSecsSinceEpoch(qint64(*value), Qt::UTC).toString(Qt::ISODate)));
}

void addProperty(QTreeWidgetItem *root, const QString &name, const std::optional<amqp::FieldTable> &value)
{
    if (value)
        addField(root, name, amqp::FieldValue::table(*value));
}

QLabel *valueLabel(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

MessageViewer::MessageViewer(QWidget *parent)
    : QWidget(parent), summary_(valueLabel(QStringLiteral("messageSummary"))), properties_(new QTreeWidget),
      format_(new QComboBox), body_(new QPlainTextEdit)
{
    summary_->setWordWrap(true);
    properties_->setObjectName(QStringLiteral("propertiesTree"));
    properties_->setHeaderLabels({tr("Property"), tr("Value")});
    properties_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    properties_->setRootIsDecorated(true);
    properties_->setMinimumHeight(90);
    format_->setObjectName(QStringLiteral("bodyFormat"));
    for (BodyFormat f : {BodyFormat::Text, BodyFormat::Hex, BodyFormat::Json})
        format_->addItem(BodyFormats::name(f), int(f));
    connect(format_, &QComboBox::currentIndexChanged, this, &MessageViewer::showBody);
    body_->setObjectName(QStringLiteral("bodyView"));
    body_->setReadOnly(true);
    body_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    body_->setLineWrapMode(QPlainTextEdit::NoWrap);

    auto *bodyBar = new QHBoxLayout;
    bodyBar->addWidget(new QLabel(tr("Payload as:")));
    bodyBar->addWidget(format_);
    bodyBar->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(summary_);
    layout->addWidget(properties_, 1);
    layout->addLayout(bodyBar);
    layout->addWidget(body_, 2);
}

void MessageViewer::setMessage(const management::MessageView &message)
{
    summary_->setText(tr("Exchange: %1    Routing key: %2    Redelivered: %3    Payload: %4 bytes")
                          .arg(message.exchange.isEmpty() ? tr("(AMQP default)") : message.exchange,
                               message.routingKey, message.redelivered ? tr("yes") : tr("no"),
                               QLocale().toString(message.body.size())));
    fillProperties(message.properties);
    shown_ = message.body;
    const bool json = message.properties.contentType.value_or(QByteArray()).contains("json")
        && BodyFormats::isJson(message.body);
    setFormat(json ? BodyFormat::Json : BodyFormat::Text);
    showBody();
}

void MessageViewer::setFormat(BodyFormat format)
{
    format_->setCurrentIndex(format_->findData(int(format)));
}

void MessageViewer::fillProperties(const amqp::BasicProperties &properties)
{
    properties_->clear();
    QTreeWidgetItem *root = properties_->invisibleRootItem();
#define WARREN_ADD_PROPERTY(bit, kind, member) addProperty(root, wireName(#member), properties.member);
    WARREN_BASIC_PROPERTIES(WARREN_ADD_PROPERTY)
#undef WARREN_ADD_PROPERTY
    properties_->expandAll();
    if (properties_->topLevelItemCount() == 0)
        addRow(root, tr("(no properties)"), QString());
}

void MessageViewer::showBody()
{
    body_->setPlainText(BodyFormats::render(shown_, BodyFormat(format_->currentData().toInt())));
}

} // namespace warren::ui
