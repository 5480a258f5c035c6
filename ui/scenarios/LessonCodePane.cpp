#include "LessonCodePane.h"

#include "LessonsPage.h"
#include "lesson/PythonExport.h"

#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace warren::ui {

LessonCodePane::LessonCodePane(QWidget *parent)
    : QWidget(parent), of_(new QLabel), client_(new QComboBox), copy_(new QPushButton), export_(new QPushButton),
      code_(new QPlainTextEdit)
{
    client_->setObjectName(QStringLiteral("codeClient"));
    code_->setObjectName(QStringLiteral("code"));
    code_->setReadOnly(true);
    code_->setLineWrapMode(QPlainTextEdit::NoWrap);
    code_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    copy_->setObjectName(QStringLiteral("copyCode"));
    export_->setObjectName(QStringLiteral("exportScripts"));
    connect(client_, &QComboBox::currentIndexChanged, this, &LessonCodePane::showCode);
    connect(copy_, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(code_->toPlainText());
        emit message(LessonsPage::tr("The code of %1 is on the clipboard.").arg(client_->currentText()));
    });
    connect(export_, &QPushButton::clicked, this, &LessonCodePane::exportScripts);
    auto *bar = new QHBoxLayout;
    bar->addWidget(of_);
    bar->addWidget(client_, 1);
    bar->addWidget(copy_);
    bar->addWidget(export_);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(code_, 1);
    retranslate();
}

void LessonCodePane::retranslate()
{
    of_->setText(LessonsPage::tr("pika code of"));
    copy_->setText(LessonsPage::tr("Copy"));
    export_->setText(LessonsPage::tr("Export as Python scripts…"));
}

void LessonCodePane::setLesson(const lesson::Scenario &scenario)
{
    scenario_ = scenario;
    const QString shown = client_->currentText();
    {
        const QSignalBlocker blocker(client_);
        client_->clear();
        for (const lesson::ClientDefinition &c : scenario.clients)
            client_->addItem(c.name);
        client_->setCurrentText(shown);   // the same participant, when the lesson has it
    }
    showCode();
}

void LessonCodePane::setBrokerUrl(const QString &url)
{
    brokerUrl_ = url;
    showCode();
}

void LessonCodePane::showClient(const QString &name)
{
    client_->setCurrentText(name);
    showCode();
}

QString LessonCodePane::url() const
{
    return brokerUrl_.isEmpty() ? lesson::PythonExport::defaultUrl() : brokerUrl_;
}

void LessonCodePane::showCode()
{
    if (scenario_)
        code_->setPlainText(lesson::PythonExport::clientScript(*scenario_, client_->currentText(), url()));
}

void LessonCodePane::exportScripts()
{
    if (!scenario_)
        return;
    const QString directory = QFileDialog::getExistingDirectory(this, LessonsPage::tr("Export the lesson's scripts into"),
                                                                QDir::homePath());
    if (directory.isEmpty())
        return;
    QString error;
    if (lesson::PythonExport::write(*scenario_, url(), directory, &error))
        emit message(LessonsPage::tr("The lesson's scripts are in %1 (README.txt says what to run when).")
                         .arg(QDir::toNativeSeparators(directory)));
    else
        emit message(LessonsPage::tr("Could not export the scripts: %1").arg(error));
}

} // namespace warren::ui
