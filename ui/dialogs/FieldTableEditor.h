// Edits an AMQP field table (declaration arguments, message headers) as rows of name,
// type and value. What was typed is parsed only when asked for, and a value that does not
// parse is reported ("x-max-length: not a number"), never dropped.
#pragma once

#include "FieldKind.h"

#include <QWidget>

class QComboBox;
class QPushButton;
class QTableWidget;

namespace warren::ui {

class FieldTableEditor : public QWidget {
    Q_OBJECT
public:
    struct Parsed {
        amqp::FieldTable table;
        QString error;   // the first row that does not parse; empty when all do
        bool ok() const { return error.isEmpty(); }
    };

    explicit FieldTableEditor(QWidget *parent = nullptr);
    ~FieldTableEditor() override;

    // Adds a row, or fills in the row that already has this name, and puts the cursor on
    // its value.
    void setEntry(const QString &name, FieldKind kind, const QString &value = {}, const QString &tooltip = {});
    int rowCount() const;
    // The rows as a table; rows with neither name nor value are left out.
    Parsed parsed() const;

signals:
    void changed();

private:
    enum Column { NameColumn, TypeColumn, ValueColumn };

    void configureRows();
    int rowNamed(const QString &name) const;
    int appendRow();
    void addEmptyRow();
    void removeSelectedRows();
    static QComboBox *newTypeBox();
    QComboBox *typeBox(int row) const;
    QString text(int row, Column column) const;
    QString parseRow(int row, amqp::FieldTable &into) const;

    QTableWidget *rows_;
    QPushButton *remove_;
};

} // namespace warren::ui
