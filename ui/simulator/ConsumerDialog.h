// "Add consumer": the queue it consumes (declared first, durable or not), automatic or
// manual ack, prefetch, how long each message takes (fixed or a seeded random range), what
// it does then (ack, reject and requeue, nack, crash before the ack, hang, after how many
// messages), exclusive and priority. The defaults are a tutorial worker: queue "hello",
// manual ack, prefetch 1 (fair dispatch).
#pragma once

#include "ClientDialog.h"

class QComboBox;
class QLabel;
class QRadioButton;
class QSpinBox;

namespace warren::ui {

class ConsumerDialog : public ClientDialog {
    Q_OBJECT
public:
    ConsumerDialog(const QString &name, QWidget *parent = nullptr);

    // Without its URL, which the page adds.
    sim::ConsumerSpec spec() const;

protected:
    void refresh() override;

private:
    void addAcknowledgement();
    void addWork();
    void addSharing();
    QSpinBox *spinBox(const QString &objectName, int minimum, int maximum, int value, const QString &suffix = {});

    QRadioButton *manual_;
    QRadioButton *automatic_;
    QLabel *ackNote_;
    QSpinBox *prefetch_;
    QLabel *prefetchNote_;
    QSpinBox *minMs_;
    QSpinBox *maxMs_;
    QSpinBox *seed_;
    QLabel *processingNote_;
    QComboBox *outcome_;
    QSpinBox *failAfter_;
    QLabel *outcomeNote_;
    QCheckBox *exclusive_;
    QLabel *exclusiveNote_;
    QSpinBox *priority_;
    QLabel *priorityNote_;
    QSpinBox *channels_;
    QLabel *channelsNote_;
    QCheckBox *reply_;
    QLabel *replyNote_;
};

} // namespace warren::ui
