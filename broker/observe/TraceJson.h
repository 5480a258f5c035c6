// The event tap's events as JSON lines, the format of `warren --trace-file` (documented in
// docs/trace-events.md): one object per event, with the field names of TraceEvent in
// snake_case and only the fields its kind uses, plus a line each second that counts what was
// not traced.
#pragma once

#include "TraceEvent.h"

#include <QByteArray>

namespace warren::observe {

// One line, newline included.
QByteArray traceJsonLine(const TraceEvent &event);
// {"event":"untraced","time":...,"untraced":N,"lost":M,"sample_every":K}, newline included
QByteArray untracedJsonLine(qint64 timeUs, std::uint64_t untraced, std::uint64_t lost, int sampleEvery);

} // namespace warren::observe
