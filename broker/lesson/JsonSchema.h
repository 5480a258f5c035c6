// Checks JSON documents (the lesson scenario files) against a JSON Schema written in a small,
// documented subset of draft-07. The schema itself is checked once, up front, and refused
// (isValid() false) when it uses anything outside the subset: a keyword that was silently
// skipped would let an author believe a rule is enforced when it is not.
//
// The subset:
//   type                  a name or a list of names: object, array, string, integer, number,
//                         boolean, null (an integer is a number with no fractional part)
//   properties, required, additionalProperties (true, false or a schema)
//   enum, const           equality as JSON values (1 and 1.0 are equal)
//   items                 one schema for every item (the list form is refused)
//   minItems, maxItems, minimum, maximum
//   minLength             in Unicode code points
//   pattern               a QRegularExpression (PCRE rather than ECMA 262), unanchored: it
//                         may match anywhere in the string unless it says ^ and $
//   oneOf, anyOf
//   $ref                  "#" and a JSON Pointer into the root ("#/definitions/Name",
//                         "#/$defs/Name", "#"), with ~0 and ~1 unescaped, no percent-decoding.
//                         Draft-07 ignores the keywords beside a $ref, so those are refused,
//                         but for annotations, definitions and $defs. A loop of $refs that
//                         never reaches a rule is refused.
//   definitions, $defs    where referenced schemas live
//   ignored annotations   description, title, $schema, $id, $comment, default, examples
// true and false are schemas too: true accepts any value, false none.
//
// Diagnostics: a value of the wrong type gets only that violation (the schema's other rules
// would be noise). When no branch of a oneOf or anyOf matches an object, and a single branch
// agrees best with it on the properties that branch pins with const or enum (typically a
// discriminator such as {"expect": {"const": "queue"}}), that branch's violations are
// reported, since the author evidently meant that form; otherwise one "matches none of the
// allowed forms".
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QRegularExpression>
#include <QString>

namespace warren::lesson {

struct SchemaViolation {
    QString path;     // JSON Pointer of the offending value in the instance, "" for the root
    QString message;  // short English, e.g. "missing required property 'within'"

    bool operator==(const SchemaViolation &) const = default;
};

class JsonSchema {
public:
    // How many schemas may apply inside one another (each subschema, each $ref followed): a
    // schema that refers to itself must not recurse without bound, whatever the instance.
    static constexpr int MaxDepth = 64;

    // An empty schema: valid, accepts every value.
    JsonSchema() = default;

    // The schema `root`, checked against the subset; see isValid().
    static JsonSchema fromJson(const QJsonObject &root);

    bool isValid() const { return error_.isEmpty(); }
    // Why the schema is unusable: the first problem found, after the schema path where it is,
    // e.g. "#/properties/name: unsupported keyword 'format'". Empty when valid.
    QString error() const { return error_; }

    // How `instance` breaks the schema; empty when it conforms. For an invalid schema, a single
    // violation saying so; for one nested deeper than MaxDepth, a single violation where it was.
    QList<SchemaViolation> validate(const QJsonValue &instance) const;

private:
    QJsonObject root_;
    QString error_;
    QHash<QString, QRegularExpression> patterns_;  // each pattern of the schema, compiled once
};

} // namespace warren::lesson
