// `warren --lessons` and `warren --lesson NAME|FILE`: the lessons from a terminal, never a
// window. Exit status: 0 every expectation passed, 1 one failed, 2 usage error (unknown
// lesson, unreadable file), 3 the lesson cannot run here (no broker, topology refused).
#pragma once

#include <QString>

int listLessons(const QString &language);

struct LessonRun {
    QString lesson;      // a NAME from --lessons, or a scenario file
    QString deviation;   // empty: as the lesson says
    QString report;      // where to write the run as JSON; empty: nowhere
    QString language;
    QString broker;      // empty for a scratch broker, else another broker's amqp:// URL
};
int runLesson(const LessonRun &run);
// `warren --export-lesson NAME|FILE --to DIR [--url URL]`: the lesson's clients as pika
// scripts (PythonExport) in DIR. 0 written, 2 usage (unknown lesson, bad URL), 3 not written.
int exportLesson(const QString &nameOrFile, const QString &directory, const QString &url);
