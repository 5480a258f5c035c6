// A user's name, password and tags: for a new user, or (name fixed) to set an existing
// user's password and tags. The broker always sets both, so the password is required.
#pragma once

#include "BrokerSnapshot.h"

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace warren::ui {

class UserDialog : public QDialog {
    Q_OBJECT
public:
    // `existing`: the user to change, or null for a new one.
    explicit UserDialog(const UserSnapshot *existing, QWidget *parent = nullptr);

    QString name() const;
    QString password() const;
    QStringList tags() const;   // from the comma-separated list, blanks dropped

private:
    void updateOk();

    QLineEdit *name_;
    QLineEdit *password_;
    QLineEdit *tags_;
    QPushButton *ok_;
};

} // namespace warren::ui
