// The users table: add a user, set a user's password and tags, delete a user, and set a
// user's permissions (the virtual hosts they may open, and RabbitMQ's configure / write /
// read patterns in each).
#pragma once

#include "EntityPanel.h"

namespace warren::ui {

class UsersPanel : public EntityPanel {
    Q_OBJECT
public:
    explicit UsersPanel(BrokerController *broker, QWidget *parent = nullptr);

private:
    // `existing` null: a new user.
    void edit(const std::optional<UserSnapshot> &existing);
    void remove();
    void editPermissions();
};

} // namespace warren::ui
