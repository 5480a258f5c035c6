// The main window's banner while deliveries are paused somewhere (step mode): what is
// paused, a Step button that releases one message and says what it did ("Released one
// message from 'orders'."), and Resume. Hidden while nothing is paused. A learner who
// paused a queue on one page and went to another still sees why nothing is consumed.
#pragma once

#include "BrokerSnapshot.h"

#include <QFrame>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;

namespace warren {
class BrokerController;
}

namespace warren::ui {

class StepModeBanner : public QFrame {
    Q_OBJECT
public:
    // What is paused: a whole virtual host (empty queue), or one queue of a virtual host
    // that is not paused as a whole.
    struct Target {
        QString vhost;
        QString queue;
        qint64 ready = 0;   // messages waiting there, in the last snapshot
        bool operator==(const Target &o) const { return vhost == o.vhost && queue == o.queue; }
    };
    static QList<Target> pausedIn(const BrokerSnapshot &snapshot);

    explicit StepModeBanner(BrokerController *broker, QWidget *parent = nullptr);

    void showSnapshot(const BrokerSnapshot &snapshot);

signals:
    // What Step or Resume did, for the status bar.
    void message(const QString &text);

private:
    static QString describe(const Target &target);
    std::optional<Target> chosen() const;
    void step();
    void resume();
    void showHint();
    void tell(const QString &text, bool failure);

    BrokerController *broker_;
    QList<Target> targets_;
    QLabel *text_;
    QComboBox *choice_;
    QPushButton *step_;
    QPushButton *resume_;
    QLabel *result_;
};

} // namespace warren::ui
