// `warren --lessons` and `warren --lesson NAME|FILE`: the lessons from a terminal, never a
// window. Exit status: 0 every expectation passed, 1 one failed, 2 usage error (unknown
// lesson, unreadable file), 3 the lesson cannot run here (no broker, topology refused).
#pragma once

#include <QString>

int listLessons(const QString &language);
int runLesson(const QString &nameOrFile, const QString &reportPath, const QString &language);
