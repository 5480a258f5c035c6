// Warren's command line, parsed with QCommandLineParser.
#pragma once

#include "BrokerConfig.h"

#include <QCoreApplication>
#include <QString>

struct CommandLine {
    bool headless = false;
    // Whether --port, --bind, --data-dir or a --tls-* option was given: then the window uses
    // them instead of the listener settings saved from its settings dialog.
    bool listenerGiven = false;
    warren::BrokerConfig broker;
    QString exportDefinitions;   // --export FILE: write the definitions and exit
    QString traceFile;           // --trace-file FILE ("-": standard output): the event tap as JSON lines
    QString page;                // --page NAME: the window's page to open at start
    bool listLessons = false;    // --lessons: print NAME<TAB>title lines and exit
    QString lesson;              // --lesson NAME|FILE: play it on a scratch broker and exit
    QString deviation;           // --deviate NAME: with --lesson, one of the lesson's deviations
    QString report;              // --report FILE: with --lesson, the run as JSON
    QString language;            // --lang: zh_CN, en, …; empty: the system's
    QString lessonBroker;        // --broker URL: with --lesson, another broker instead of a scratch one
    QString exportLesson;        // --export-lesson NAME|FILE (hidden): its pika scripts into exportTo
    QString exportTo;            // --to DIR: with --export-lesson
    QString exportUrl;           // --url URL: with --export-lesson, the broker the scripts use
    QString error;   // set when the arguments are unusable

    // Parses the application's arguments; exits for --help and --version.
    static CommandLine parse(const QCoreApplication &app);
    // Whether argv asks for something that needs no window (headless, help, version),
    // decided before any QApplication exists, so that these work without a display.
    static bool needsNoWindow(int argc, char **argv);
    // The value of --lang (or --lang=…) in argv, read before the translators are installed
    // so that even --help speaks it; empty when not given.
    static QString languageIn(int argc, char **argv);
};
