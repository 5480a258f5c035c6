#include "BodyEditor.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStringDecoder>
#include <QVBoxLayout>

namespace warren::ui {

BodyEditor::BodyEditor(QWidget *parent)
    : QWidget(parent), text_(new QPlainTextEdit), source_(new QLabel), load_(new QPushButton(tr("Load from file…"))),
      unload_(new QPushButton(tr("Type instead")))
{
    text_->setObjectName(QStringLiteral("bodyText"));
    text_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text_->setPlaceholderText(tr("The message body, sent as UTF-8"));
    load_->setObjectName(QStringLiteral("loadBody"));
    connect(load_, &QPushButton::clicked, this, &BodyEditor::chooseFile);
    connect(unload_, &QPushButton::clicked, this, &BodyEditor::typeInstead);
    unload_->hide();
    source_->setObjectName(QStringLiteral("bodySource"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(load_);
    buttons->addWidget(unload_);
    buttons->addWidget(source_, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(text_, 1);
    layout->addLayout(buttons);
}

QByteArray BodyEditor::body() const
{
    return file_ ? *file_ : text_->toPlainText().toUtf8();
}

bool BodyEditor::loadFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    file_ = file.readAll();
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8(*file_);
    text_->setPlainText(utf8.hasError() ? tr("(binary content, not shown)") : text);
    text_->setReadOnly(true);
    source_->setText(tr("%1 bytes from %2, sent as they are")
                         .arg(QLocale().toString(file_->size()), QFileInfo(path).fileName()));
    unload_->show();
    return true;
}

void BodyEditor::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Message body"));
    if (path.isEmpty())
        return;
    QString error;
    if (!loadFile(path, &error))
        source_->setText(error);
}

void BodyEditor::typeInstead()
{
    file_.reset();
    text_->clear();
    text_->setReadOnly(false);
    source_->clear();
    unload_->hide();
}

} // namespace warren::ui
