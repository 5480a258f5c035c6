// The lessons' own words: expectations as sentences, what was observed, the runner's lines.
// Each lesson's narration is not here: its file holds it in both languages.
#pragma once

#include <QCoreApplication>

namespace warren::lesson {

class LessonText {
    Q_DECLARE_TR_FUNCTIONS(warren::lesson::LessonText)
};

} // namespace warren::lesson
