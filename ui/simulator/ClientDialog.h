// What the simulator's "Add producer" and "Add consumer" dialogs share: a form whose teaching
// toggles each carry a note saying what will happen as they stand (TeachingNotes), kept up to
// date as anything changes; the queue the client declares (name, declare, durable); and the
// "Add and start" button.
#pragma once

#include "sim/SimulationTypes.h"

#include <QDialog>

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace warren::ui {

class ClientDialog : public QDialog {
    Q_OBJECT
public:
    QPushButton *addButton() const { return add_; }

protected:
    ClientDialog(const QString &title, const QString &name, QWidget *parent);

    QFormLayout *form() const { return form_; }
    QString name() const;
    // A grey line under the last row, for a note or a hint.
    QLabel *addNote(const QString &objectName);
    static QLabel *note(const QString &objectName, const QString &text = {});
    void addHeading(const QString &text);
    QCheckBox *checkBox(const QString &objectName, const QString &text);
    // The queue rows: name, declare, durable, and the durability note.
    void addQueueRows();
    sim::QueueDeclaration queue() const;
    // Calls changed() whenever `widget` (a check box, radio button, spin box, combo box or
    // line) changes.
    void watch(QWidget *widget);
    // Refreshes the notes once the form is finished (not while it is being built).
    void changed();
    // Ends the form with the buttons.
    void finish();
    // Brings the notes up to date with the form.
    virtual void refresh();

private:
    QFormLayout *form_;
    QLineEdit *name_;
    QLineEdit *queueName_ = nullptr;
    QCheckBox *declare_ = nullptr;
    QCheckBox *durable_ = nullptr;
    QLabel *durabilityNote_ = nullptr;
    QPushButton *add_ = nullptr;
};

} // namespace warren::ui
