// Unit tests of lesson::JsonSchema, the validator of the lesson scenario files:
// - every supported keyword, with a value it accepts and one it refuses, and the message;
//   integer versus number; true and false as schemas; annotations ignored;
// - the JSON Pointer paths of nested violations (~0/~1 escaped), and their order;
// - $ref into definitions, $defs, the root, an array and escaped names, and chains of $refs;
// - schemas refused, with the schema path: unsupported keywords, malformed keyword values, a
//   $ref that does not resolve, points outside the schema or loops, a keyword beside a $ref;
//   validating against a refused schema;
// - oneOf/anyOf: the violations of the branch a discriminator (const or enum, also behind a
//   $ref) picks, "matches none" when none or several agree, "matches more than one";
// - the depth guard: schemas that refer to themselves end, without crashing, with one violation
//   where the guard was hit; a deep instance of a recursive schema;
// - JsonPointer on its own (what lesson deviations change): resolve and replace in objects and
//   arrays, escaped keys, non-canonical indices and missing members naming nothing.
#include "lesson/JsonPointer.h"
#include "lesson/JsonSchema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace warren::lesson;

namespace {

// `json` parsed as an object; a schema with a keyword that names the mistake if it is not JSON.
QJsonObject schemaObject(const QString &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return {{QStringLiteral("test schema is not a JSON object"), error.errorString()}};
    return document.object();
}

// `json` parsed, whatever its type (a document holds only objects and arrays); undefined, which
// no schema but the empty one accepts, if it is not JSON.
QJsonValue instanceValue(const QString &json)
{
    return QJsonDocument::fromJson((u'[' + json + u']').toUtf8()).array().at(0);
}

// The violations, one "path: message" a line, which reads well in a failed comparison.
QString violations(const JsonSchema &schema, const QJsonValue &instance)
{
    QStringList lines;
    for (const SchemaViolation &violation : schema.validate(instance))
        lines << violation.path + QStringLiteral(": ") + violation.message;
    return lines.join(u'\n');
}

QString violations(const QString &schema, const QString &instance)
{
    const JsonSchema s = JsonSchema::fromJson(schemaObject(schema));
    if (!s.isValid())
        return QStringLiteral("invalid schema: ") + s.error();
    return violations(s, instanceValue(instance));
}

// {"a": {"a": ... {"a": leaf} ... }}, `depth` objects deep.
QJsonValue nested(int depth, const QJsonValue &leaf)
{
    QJsonValue value = leaf;
    for (int i = 0; i < depth; ++i)
        value = QJsonObject{{QStringLiteral("a"), value}};
    return value;
}

QString tooDeep()
{
    return QStringLiteral("too deeply nested to check (more than 64 levels of schemas)");
}

} // namespace

class JsonSchemaTest : public QObject {
    Q_OBJECT
private slots:
    void keywords_data();
    void keywords();
    void paths_data();
    void paths();
    void refs_data();
    void refs();
    void validSchemas_data();
    void validSchemas();
    void invalidSchemas_data();
    void invalidSchemas();
    void validatingAgainstAnInvalidSchema();
    void emptySchemaAcceptsEverything();
    void discriminator_data();
    void discriminator();
    void depthGuard_data();
    void depthGuard();
    void recursiveSchemaOnADeepInstance();
    void jsonPointer();
};

void JsonSchemaTest::keywords_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("instance");
    QTest::addColumn<QString>("expected");  // "path: message" lines; empty when accepted

    QTest::newRow("type string") << R"({"type":"string"})" << R"("a")" << "";
    QTest::newRow("type string, integer") << R"({"type":"string"})" << "3" << ": expected a string, got an integer";
    QTest::newRow("type object") << R"({"type":"object"})" << "{}" << "";
    QTest::newRow("type object, array") << R"({"type":"object"})" << "[]" << ": expected an object, got an array";
    QTest::newRow("type array") << R"({"type":"array"})" << "[1]" << "";
    QTest::newRow("type array, object") << R"({"type":"array"})" << "{}" << ": expected an array, got an object";
    QTest::newRow("type boolean") << R"({"type":"boolean"})" << "false" << "";
    QTest::newRow("type boolean, null") << R"({"type":"boolean"})" << "null" << ": expected a boolean, got null";
    QTest::newRow("type null") << R"({"type":"null"})" << "null" << "";
    QTest::newRow("type null, boolean") << R"({"type":"null"})" << "true" << ": expected null, got a boolean";
    QTest::newRow("number, integer") << R"({"type":"number"})" << "3" << "";
    QTest::newRow("number, fraction") << R"({"type":"number"})" << "2.5" << "";
    QTest::newRow("number, string") << R"({"type":"number"})" << R"("3")" << ": expected a number, got a string";
    QTest::newRow("integer") << R"({"type":"integer"})" << "3" << "";
    QTest::newRow("integer, negative") << R"({"type":"integer"})" << "-7" << "";
    QTest::newRow("integer, 3.0") << R"({"type":"integer"})" << "3.0" << "";
    QTest::newRow("integer, 1e3") << R"({"type":"integer"})" << "1e3" << "";
    QTest::newRow("integer, fraction") << R"({"type":"integer"})" << "3.5" << ": expected an integer, got a number";
    QTest::newRow("integer, string") << R"({"type":"integer"})" << R"("3")" << ": expected an integer, got a string";
    QTest::newRow("type list") << R"({"type":["string","null"]})" << "null" << "";
    QTest::newRow("type list, integer") << R"({"type":["string","null"]})" << "1" << ": expected a string or null, got an integer";
    QTest::newRow("type list of three") << R"({"type":["object","array","null"]})" << "true"
                                        << ": expected an object, an array or null, got a boolean";
    QTest::newRow("wrong type hides the rest") << R"({"type":"string","minLength":5,"enum":["abcdef"]})" << "3"
                                               << ": expected a string, got an integer";

    QTest::newRow("properties") << R"({"properties":{"a":{"type":"string"}}})" << R"({"a":"x","b":1})" << "";
    QTest::newRow("properties, wrong") << R"({"properties":{"a":{"type":"string"}}})" << R"({"a":1})"
                                       << "/a: expected a string, got an integer";
    QTest::newRow("properties, not an object") << R"({"properties":{"a":{"type":"string"}}})" << "5" << "";
    QTest::newRow("required") << R"({"required":["within","count"]})" << R"({"within":1,"count":2})" << "";
    QTest::newRow("required, one missing") << R"({"required":["within","count"]})" << R"({"count":2})"
                                           << ": missing required property 'within'";
    QTest::newRow("required, both missing") << R"({"required":["within","count"]})" << "{}"
                                            << ": missing required property 'within'\n"
                                               ": missing required property 'count'";
    QTest::newRow("required, not an object") << R"({"required":["within"]})" << R"("x")" << "";
    QTest::newRow("additionalProperties false") << R"({"properties":{"within":{}},"additionalProperties":false})"
                                                << R"({"within":1})" << "";
    QTest::newRow("additionalProperties false, typo") << R"({"properties":{"within":{}},"additionalProperties":false})"
                                                      << R"({"withn":1})" << ": unknown property 'withn'";
    QTest::newRow("additionalProperties true") << R"({"additionalProperties":true})" << R"({"x":1})" << "";
    QTest::newRow("additionalProperties schema") << R"({"properties":{"a":{}},"additionalProperties":{"type":"integer"}})"
                                                 << R"({"a":"s","b":2,"c":"x"})" << "/c: expected an integer, got a string";

    QTest::newRow("enum") << R"({"enum":["start","stop","crash"]})" << R"("stop")" << "";
    QTest::newRow("enum, other") << R"({"enum":["start","stop","crash"]})" << R"("pause")"
                                 << ": must be one of: start, stop, crash";
    QTest::newRow("enum of mixed values") << R"({"enum":[1,"a",null,{"k":true}]})" << R"({"k":true})" << "";
    QTest::newRow("enum of mixed values, other") << R"({"enum":[1,"a",null,{"k":true}]})" << "2"
                                                 << R"(: must be one of: 1, a, null, {"k":true})";
    QTest::newRow("const") << R"({"const":"received"})" << R"("received")" << "";
    QTest::newRow("const, other") << R"({"const":"received"})" << R"("queue")" << ": must be 'received'";
    QTest::newRow("const number") << R"({"const":3})" << "4" << ": must be 3";
    QTest::newRow("const 1 is 1.0") << R"({"const":1})" << "1.0" << "";
    QTest::newRow("const object") << R"({"const":{"a":[1,2]}})" << R"({"a":[1,2]})" << "";
    QTest::newRow("const object, other order") << R"({"const":{"a":[1,2]}})" << R"({"a":[2,1]})"
                                               << R"(: must be {"a":[1,2]})";

    QTest::newRow("items") << R"({"items":{"type":"integer"}})" << "[1,2,3]" << "";
    QTest::newRow("items, wrong") << R"({"items":{"type":"integer"}})" << R"([1,"x",2.5])"
                                  << "/1: expected an integer, got a string\n/2: expected an integer, got a number";
    QTest::newRow("items false, empty") << R"({"items":false})" << "[]" << "";
    QTest::newRow("items false") << R"({"items":false})" << "[1]" << "/0: no value is allowed here";
    QTest::newRow("minItems") << R"({"minItems":1})" << "[1]" << "";
    QTest::newRow("minItems 1, empty") << R"({"minItems":1})" << "[]" << ": must have at least 1 item";
    QTest::newRow("minItems 2") << R"({"minItems":2})" << "[1]" << ": must have at least 2 items";
    QTest::newRow("maxItems") << R"({"maxItems":2})" << "[1,2]" << "";
    QTest::newRow("maxItems, more") << R"({"maxItems":2})" << "[1,2,3]" << ": must have at most 2 items";
    QTest::newRow("maxItems 0") << R"({"maxItems":0})" << "[]" << "";

    QTest::newRow("minimum") << R"({"minimum":1})" << "1" << "";
    QTest::newRow("minimum, less") << R"({"minimum":1})" << "0" << ": must be at least 1";
    QTest::newRow("minimum fraction") << R"({"minimum":0.5})" << "0.25" << ": must be at least 0.5";
    QTest::newRow("minimum, a string") << R"({"minimum":1})" << R"("0")" << "";
    QTest::newRow("maximum") << R"({"maximum":10})" << "10" << "";
    QTest::newRow("maximum, more") << R"({"maximum":10})" << "10.5" << ": must be at most 10";
    QTest::newRow("minLength") << R"({"minLength":3})" << R"("abc")" << "";
    QTest::newRow("minLength, shorter") << R"({"minLength":3})" << R"("ab")" << ": must be at least 3 characters long";
    QTest::newRow("minLength 1, empty") << R"({"minLength":1})" << R"("")" << ": must be at least 1 character long";
    QTest::newRow("minLength in code points") << R"({"minLength":2})" << R"("😀")" << ": must be at least 2 characters long";
    QTest::newRow("pattern") << R"({"pattern":"^[a-z0-9-]+$"})" << R"("my-queue-1")" << "";
    QTest::newRow("pattern, other") << R"({"pattern":"^[a-z0-9-]+$"})" << R"("My Queue")" << ": does not match ^[a-z0-9-]+$";
    QTest::newRow("pattern unanchored") << R"({"pattern":"b"})" << R"("abc")" << "";
    QTest::newRow("pattern unanchored, other") << R"({"pattern":"b"})" << R"("xyz")" << ": does not match b";

    QTest::newRow("oneOf") << R"({"oneOf":[{"type":"string"},{"type":"integer"}]})" << "1" << "";
    QTest::newRow("oneOf, none") << R"({"oneOf":[{"type":"string"},{"type":"integer"}]})" << "true"
                                 << ": matches none of the allowed forms";
    QTest::newRow("oneOf, two") << R"({"oneOf":[{"type":"number"},{"type":"integer"}]})" << "1"
                                << ": matches more than one of the allowed forms";
    QTest::newRow("oneOf, fraction") << R"({"oneOf":[{"type":"number"},{"type":"integer"}]})" << "1.5" << "";
    QTest::newRow("anyOf, two") << R"({"anyOf":[{"type":"number"},{"type":"integer"}]})" << "1" << "";
    QTest::newRow("anyOf, none") << R"({"anyOf":[{"type":"number"},{"type":"integer"}]})" << "true"
                                 << ": matches none of the allowed forms";

    QTest::newRow("true schema") << R"({"properties":{"x":true}})" << R"({"x":1})" << "";
    QTest::newRow("false schema") << R"({"properties":{"x":false}})" << R"({"x":1})" << "/x: no value is allowed here";
    QTest::newRow("annotations") << R"({"description":"d","title":"t","$schema":"http://json-schema.org/draft-07/schema#",
                                       "$id":"x","$comment":"c","default":1,"examples":[1],"type":"integer"})"
                                 << R"("a")" << ": expected an integer, got a string";
}

void JsonSchemaTest::keywords()
{
    QFETCH(QString, schema);
    QFETCH(QString, instance);
    QFETCH(QString, expected);
    QCOMPARE(violations(schema, instance), expected);
}

void JsonSchemaTest::paths_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("instance");
    QTest::addColumn<QString>("expected");

    QTest::newRow("deep") << R"({"properties":{"steps":{"items":{"properties":{"expect":{"items":
                                 {"properties":{"count":{"type":"integer","minimum":1}}}}}}}}})"
                          << R"({"steps":[{},{},{"expect":[{"count":0}]}]})" << "/steps/2/expect/0/count: must be at least 1";
    QTest::newRow("escaped") << R"({"properties":{"a/b":{"type":"string"},"m~n":{"type":"string"}}})"
                             << R"({"a/b":1,"m~n":2})"
                             << "/a~1b: expected a string, got an integer\n/m~0n: expected a string, got an integer";
    QTest::newRow("in order") << R"({"required":["z"],"properties":{"a":{"type":"string"},"b":{"type":"string"}},
                                    "additionalProperties":false,"minItems":9})"
                              << R"({"b":1,"x":0,"a":2})"
                              << ": missing required property 'z'\n/a: expected a string, got an integer\n"
                                 "/b: expected a string, got an integer\n: unknown property 'x'";
    QTest::newRow("unknown property, nested") << R"({"properties":{"steps":{"items":{"additionalProperties":false}}}})"
                                              << R"({"steps":[{},{"withn":1}]})" << "/steps/1: unknown property 'withn'";
    QTest::newRow("enum and const together") << R"({"items":{"const":"a","enum":["b"]}})" << R"(["c"])"
                                             << "/0: must be 'a'\n/0: must be one of: b";
}

void JsonSchemaTest::paths()
{
    QFETCH(QString, schema);
    QFETCH(QString, instance);
    QFETCH(QString, expected);
    QCOMPARE(violations(schema, instance), expected);
}

void JsonSchemaTest::refs_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("instance");
    QTest::addColumn<QString>("expected");

    const char *definitions = R"({"definitions":{"Count":{"type":"integer","minimum":1}},
                                  "properties":{"count":{"$ref":"#/definitions/Count"}}})";
    QTest::newRow("definitions") << definitions << R"({"count":1})" << "";
    QTest::newRow("definitions, wrong") << definitions << R"({"count":0})" << "/count: must be at least 1";
    QTest::newRow("$defs") << R"({"$defs":{"Name":{"pattern":"^[a-z]+$"}},"items":{"$ref":"#/$defs/Name"}})"
                           << R"(["ok","Not"])" << "/1: does not match ^[a-z]+$";
    QTest::newRow("escaped names") << R"({"definitions":{"a/b":{"type":"string"},"m~n":{"type":"integer"}},
                                         "properties":{"x":{"$ref":"#/definitions/a~1b"},"y":{"$ref":"#/definitions/m~0n"}}})"
                                   << R"({"x":1,"y":"s"})"
                                   << "/x: expected a string, got an integer\n/y: expected an integer, got a string";
    QTest::newRow("into an array") << R"({"properties":{"x":{"anyOf":[{"type":"string"}]},"y":{"$ref":"#/properties/x/anyOf/0"}}})"
                                   << R"({"y":1})" << "/y: expected a string, got an integer";
    QTest::newRow("chain") << R"({"definitions":{"A":{"$ref":"#/definitions/B"},"B":{"type":"null"}},"$ref":"#/definitions/A"})"
                           << "1" << ": expected null, got an integer";
    QTest::newRow("beside annotations") << R"({"definitions":{"N":{"type":"null"}},
                                              "properties":{"x":{"$ref":"#/definitions/N","description":"d","title":"t"}}})"
                                        << R"({"x":0})" << "/x: expected null, got an integer";
    const char *tree = R"({"type":"object","properties":{"name":{"type":"string"},"children":{"type":"array","items":{"$ref":"#"}}},
                           "additionalProperties":false})";
    QTest::newRow("the root, recursively") << tree << R"({"name":"a","children":[{"name":"b","children":[{"name":"c"}]}]})" << "";
    QTest::newRow("the root, recursively, wrong") << tree << R"({"name":"a","children":[{"name":"b","children":[{"nme":"c"}]}]})"
                                                  << "/children/0/children/0: unknown property 'nme'";
}

void JsonSchemaTest::refs()
{
    QFETCH(QString, schema);
    QFETCH(QString, instance);
    QFETCH(QString, expected);
    QCOMPARE(violations(schema, instance), expected);
}

void JsonSchemaTest::validSchemas_data()
{
    QTest::addColumn<QString>("schema");
    QTest::newRow("empty") << "{}";
    QTest::newRow("annotations in subschemas") << R"({"properties":{"a":{"description":"d","default":3,"examples":[1,2],
                                                    "$comment":"c","title":"t","$id":"a"}}})";
    QTest::newRow("root $ref beside definitions") << R"({"$schema":"http://json-schema.org/draft-07/schema#",
                                                       "$ref":"#/definitions/S","definitions":{"S":{"type":"object"}}})";
    QTest::newRow("$ref beside $defs") << R"({"$ref":"#/$defs/S","$defs":{"S":true}})";
    QTest::newRow("boolean subschemas") << R"({"items":true,"additionalProperties":false,"oneOf":[true,false]})";
    QTest::newRow("every keyword") << R"({"type":["object","null"],"properties":{"a":{"type":"array","items":{"type":"integer",
                                        "minimum":0,"maximum":9},"minItems":0,"maxItems":3},"b":{"type":"string","minLength":1,
                                        "pattern":"x","enum":["x"],"const":"x"},"c":{"anyOf":[{"$ref":"#/$defs/C"}]}},
                                        "required":["a"],"additionalProperties":{"oneOf":[{"$ref":"#/definitions/C"}]},
                                        "definitions":{"C":{"type":"null"}},"$defs":{"C":{"type":"null"}}})";
    QTest::newRow("recursive through properties") << R"({"properties":{"next":{"$ref":"#"}}})";
}

void JsonSchemaTest::validSchemas()
{
    QFETCH(QString, schema);
    const JsonSchema s = JsonSchema::fromJson(schemaObject(schema));
    QVERIFY2(s.isValid(), qPrintable(s.error()));
    QCOMPARE(s.error(), QString());
}

void JsonSchemaTest::invalidSchemas_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("error");

    QTest::newRow("unknown keyword") << R"({"format":"date"})" << "#: unsupported keyword 'format'";
    QTest::newRow("unknown keyword, nested") << R"({"properties":{"steps":{"items":{"minProperties":1}}}})"
                                             << "#/properties/steps/items: unsupported keyword 'minProperties'";
    QTest::newRow("unknown keyword, in a definition") << R"({"definitions":{"X":{"minimun":1}}})"
                                                      << "#/definitions/X: unsupported keyword 'minimun'";
    QTest::newRow("unknown keyword, in a branch") << R"({"oneOf":[{"type":"string"},{"typo":1}]})"
                                                  << "#/oneOf/1: unsupported keyword 'typo'";
    QTest::newRow("unknown keyword, escaped path") << R"({"properties":{"a/b":{"not":{}}}})"
                                                   << "#/properties/a~1b: unsupported keyword 'not'";
    QTest::newRow("allOf") << R"({"allOf":[{}]})" << "#: unsupported keyword 'allOf'";
    QTest::newRow("patternProperties") << R"({"patternProperties":{}})" << "#: unsupported keyword 'patternProperties'";
    QTest::newRow("maxLength") << R"({"maxLength":3})" << "#: unsupported keyword 'maxLength'";
    QTest::newRow("exclusiveMinimum") << R"({"exclusiveMinimum":3})" << "#: unsupported keyword 'exclusiveMinimum'";
    QTest::newRow("schema not a schema") << R"({"properties":{"a":3}})" << "#/properties/a: a schema must be an object or a boolean";

    const char *types = "(the types are object, array, string, integer, number, boolean, null)";
    QTest::newRow("type unknown") << R"({"type":"float"})" << QStringLiteral("#/type: unknown type \"float\" %1").arg(QLatin1StringView(types));
    QTest::newRow("type list, not a name") << R"({"type":["string",3]})" << QStringLiteral("#/type: unknown type 3 %1").arg(QLatin1StringView(types));
    QTest::newRow("type list, empty") << R"({"type":[]})" << "#/type: must name at least one type";
    QTest::newRow("properties not an object") << R"({"properties":[]})" << "#/properties: must be an object of schemas";
    QTest::newRow("definitions not an object") << R"({"definitions":1})" << "#/definitions: must be an object of schemas";
    QTest::newRow("required not a list") << R"({"required":"a"})" << "#/required: must be an array of property names";
    QTest::newRow("required not names") << R"({"required":["a",1]})" << "#/required: must be an array of property names";
    QTest::newRow("additionalProperties") << R"({"additionalProperties":1})"
                                          << "#/additionalProperties: a schema must be an object or a boolean";
    QTest::newRow("enum empty") << R"({"enum":[]})" << "#/enum: must be a non-empty array of values";
    QTest::newRow("enum not a list") << R"({"enum":"a"})" << "#/enum: must be a non-empty array of values";
    QTest::newRow("items per position") << R"({"items":[{}]})"
                                        << "#/items: a schema per position is not supported: give one schema for every item";
    QTest::newRow("items not a schema") << R"({"items":"x"})" << "#/items: a schema must be an object or a boolean";
    QTest::newRow("minItems negative") << R"({"minItems":-1})" << "#/minItems: must be a non-negative integer";
    QTest::newRow("maxItems fraction") << R"({"maxItems":1.5})" << "#/maxItems: must be a non-negative integer";
    QTest::newRow("minLength string") << R"({"minLength":"1"})" << "#/minLength: must be a non-negative integer";
    QTest::newRow("minimum string") << R"({"minimum":"1"})" << "#/minimum: must be a number";
    QTest::newRow("maximum null") << R"({"maximum":null})" << "#/maximum: must be a number";
    QTest::newRow("pattern not a string") << R"({"pattern":1})" << "#/pattern: must be a string";
    const QRegularExpression bad(QStringLiteral("a("));
    QTest::newRow("pattern invalid") << R"({"pattern":"a("})"
                                     << QStringLiteral("#/pattern: not a valid regular expression: %1 at offset %2")
                                            .arg(bad.errorString()).arg(bad.patternErrorOffset());
    QTest::newRow("oneOf empty") << R"({"oneOf":[]})" << "#/oneOf: must be a non-empty array of schemas";
    QTest::newRow("anyOf not a list") << R"({"anyOf":{}})" << "#/anyOf: must be a non-empty array of schemas";
    QTest::newRow("anyOf of not schemas") << R"({"anyOf":[{},1]})" << "#/anyOf/1: a schema must be an object or a boolean";

    QTest::newRow("$ref unresolvable") << R"({"properties":{"x":{"$ref":"#/definitions/Nope"}}})"
                                       << "#/properties/x/$ref: '#/definitions/Nope' does not resolve";
    QTest::newRow("$ref without slash") << R"({"definitions":{"X":{}},"$ref":"#definitions/X"})"
                                        << "#/$ref: '#definitions/X' does not resolve";
    QTest::newRow("$ref past an item") << R"({"oneOf":[{}],"items":{"$ref":"#/oneOf/1"}})" << "#/items/$ref: '#/oneOf/1' does not resolve";
    QTest::newRow("$ref elsewhere") << R"({"$ref":"other.json#/definitions/X"})"
                                    << R"(#/$ref: only references into this schema are supported, as "#/definitions/Name")";
    QTest::newRow("$ref not a string") << R"({"$ref":3})"
                                       << R"(#/$ref: only references into this schema are supported, as "#/definitions/Name")";
    QTest::newRow("$ref to itself") << R"({"$ref":"#"})" << "#/$ref: '#' leads to a loop of $refs that never reaches a rule";
    QTest::newRow("$ref loop") << R"({"definitions":{"A":{"$ref":"#/definitions/B"},"B":{"$ref":"#/definitions/A"}}})"
                               << "#/definitions/A/$ref: '#/definitions/B' leads to a loop of $refs that never reaches a rule";
    QTest::newRow("$ref to no schema") << R"({"required":[],"properties":{"x":{"$ref":"#/required"}}})"
                                       << "#/required: a schema must be an object or a boolean";
    QTest::newRow("$ref into a missing member") << R"({"properties":{"x":{"$ref":"#/properties/y/items"},"y":{}}})"
                                               << "#/properties/x/$ref: '#/properties/y/items' does not resolve";
    QTest::newRow("keyword beside $ref") << R"({"definitions":{"N":{"type":"integer"}},"properties":{"x":{"$ref":"#/definitions/N","minimum":1}}})"
                                         << "#/properties/x: keyword 'minimum' beside '$ref' (draft-07 ignores it)";
}

void JsonSchemaTest::invalidSchemas()
{
    QFETCH(QString, schema);
    QFETCH(QString, error);
    const JsonSchema s = JsonSchema::fromJson(schemaObject(schema));
    QVERIFY(!s.isValid());
    QCOMPARE(s.error(), error);
}

void JsonSchemaTest::validatingAgainstAnInvalidSchema()
{
    const JsonSchema s = JsonSchema::fromJson(schemaObject(QStringLiteral(R"({"type":"string","format":"date"})")));
    const QList<SchemaViolation> expected{{QString(), QStringLiteral("the schema is unusable: #: unsupported keyword 'format'")}};
    QCOMPARE(s.validate(QJsonValue(QStringLiteral("2024-01-01"))), expected);
}

void JsonSchemaTest::emptySchemaAcceptsEverything()
{
    const JsonSchema s;
    QVERIFY(s.isValid());
    QVERIFY(s.validate(instanceValue(QStringLiteral(R"({"a":[1,null,"x"]})"))).isEmpty());
    QVERIFY(JsonSchema::fromJson({}).validate(QJsonValue(3.5)).isEmpty());
}

void JsonSchemaTest::discriminator_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("instance");
    QTest::addColumn<QString>("expected");

    // The shape of a scenario's expectations: a list of forms told apart by "expect".
    const char *expectations = R"({
        "definitions": {
            "Received": {"type":"object", "required":["expect","queue","count"], "additionalProperties":false,
                         "properties":{"expect":{"const":"received"}, "queue":{"type":"string"},
                                       "count":{"type":"integer","minimum":1}, "within":{"type":"number"}}},
            "Queue": {"type":"object", "required":["expect","queue","exists"], "additionalProperties":false,
                      "properties":{"expect":{"const":"queue"}, "queue":{"type":"string"}, "exists":{"type":"boolean"}}}
        },
        "type":"array",
        "items":{"oneOf":[{"$ref":"#/definitions/Received"},{"$ref":"#/definitions/Queue"}]}
    })";
    QTest::newRow("one form matches") << expectations << R"([{"expect":"received","queue":"q","count":2}])" << "";
    QTest::newRow("discriminated, missing property") << expectations << R"([{"expect":"received","queue":"q"}])"
                                                     << "/0: missing required property 'count'";
    QTest::newRow("discriminated, unknown property") << expectations << R"([{"expect":"queue","queue":"q","exists":true,"withn":1}])"
                                                     << "/0: unknown property 'withn'";
    QTest::newRow("discriminated, nested violation") << expectations << R"([{},{"expect":"received","queue":"q","count":0}])"
                                                     << "/0: matches none of the allowed forms\n/1/count: must be at least 1";
    QTest::newRow("no form agrees") << expectations << R"([{"expect":"recieved","queue":"q","count":1}])"
                                    << "/0: matches none of the allowed forms";
    QTest::newRow("no discriminator") << expectations << R"([{"queue":"q"}])" << "/0: matches none of the allowed forms";
    QTest::newRow("not an object") << expectations << "[3]" << "/0: matches none of the allowed forms";

    QTest::newRow("several forms match") << R"({"oneOf":[{"type":"object","properties":{"kind":{"const":"a"}}},
                                                         {"type":"object","properties":{"kind":{"enum":["a","b"]}}}]})"
                                         << R"({"kind":"a"})" << ": matches more than one of the allowed forms";
    QTest::newRow("two forms agree equally") << R"({"oneOf":[{"properties":{"kind":{"const":"a"}},"required":["x"]},
                                                             {"properties":{"kind":{"const":"a"}},"required":["y"]}]})"
                                             << R"({"kind":"a"})" << ": matches none of the allowed forms";
    QTest::newRow("the form agreeing most") << R"({"oneOf":[
                                                 {"properties":{"kind":{"const":"a"},"level":{"enum":["low","high"]}},"required":["x"]},
                                                 {"properties":{"kind":{"const":"b"},"level":{"enum":["low","high"]}},"required":["y"]}]})"
                                            << R"({"kind":"a","level":"low"})" << ": missing required property 'x'";
    QTest::newRow("discriminator by enum") << R"({"oneOf":[{"properties":{"kind":{"enum":["a","A"]}},"required":["x"]},
                                                           {"properties":{"kind":{"enum":["b","B"]}},"required":["y"]}]})"
                                           << R"({"kind":"B"})" << ": missing required property 'y'";
    QTest::newRow("discriminator behind $ref") << R"({"definitions":{"KindA":{"const":"a"}},
                                                     "oneOf":[{"properties":{"kind":{"$ref":"#/definitions/KindA"}},"required":["x"]},
                                                              {"properties":{"kind":{"const":"b"}},"required":["y"]}]})"
                                               << R"({"kind":"a"})" << ": missing required property 'x'";
    QTest::newRow("anyOf discriminated") << R"({"anyOf":[{"properties":{"kind":{"const":"a"}},"required":["x"]},
                                                         {"properties":{"kind":{"const":"b"}},"required":["y"]}]})"
                                         << R"({"kind":"b"})" << ": missing required property 'y'";
}

void JsonSchemaTest::discriminator()
{
    QFETCH(QString, schema);
    QFETCH(QString, instance);
    QFETCH(QString, expected);
    QCOMPARE(violations(schema, instance), expected);
}

void JsonSchemaTest::depthGuard_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("instance");
    QTest::addColumn<QString>("expected");

    const QString atRoot = QStringLiteral(": ") + tooDeep();
    QTest::newRow("anyOf itself") << R"({"anyOf":[{"$ref":"#"}]})" << "1" << atRoot;
    // Twice itself: without stopping at the first hit, 2^64 branches.
    QTest::newRow("oneOf itself twice") << R"({"oneOf":[{"$ref":"#"},{"$ref":"#"}]})" << "1" << atRoot;
    QTest::newRow("through a definition") << R"({"definitions":{"A":{"anyOf":[{"$ref":"#/definitions/A"},{"type":"null"}]}},
                                               "items":{"$ref":"#/definitions/A"}})"
                                          << "[null]" << QStringLiteral("/0: ") + tooDeep();
}

void JsonSchemaTest::depthGuard()
{
    QFETCH(QString, schema);
    QFETCH(QString, instance);
    QFETCH(QString, expected);
    const JsonSchema s = JsonSchema::fromJson(schemaObject(schema));
    QVERIFY2(s.isValid(), qPrintable(s.error()));
    QCOMPARE(violations(s, instanceValue(instance)), expected);
}

void JsonSchemaTest::recursiveSchemaOnADeepInstance()
{
    // Each level of the instance takes two schemas: the root and the $ref to it.
    const JsonSchema s = JsonSchema::fromJson(schemaObject(QStringLiteral(
        R"({"type":"object","properties":{"a":{"$ref":"#"}},"additionalProperties":false})")));
    QVERIFY2(s.isValid(), qPrintable(s.error()));
    QCOMPARE(violations(s, nested(10, QJsonObject{})), QString());
    QCOMPARE(violations(s, nested(10, QJsonObject{{QStringLiteral("b"), 1}})),
             QStringLiteral("/a/a/a/a/a/a/a/a/a/a: unknown property 'b'"));
    QCOMPARE(violations(s, nested(40, QJsonObject{})),
             QStringLiteral("/a").repeated(32) + QStringLiteral(": ") + tooDeep());
}

void JsonSchemaTest::jsonPointer()
{
    namespace P = warren::lesson::JsonPointer;
    const QJsonValue doc = QJsonDocument::fromJson(R"({"a/b": {"c~d": [1, {"e": true}]}, "list": [10, 20]})").object();
    QCOMPARE(P::resolve(doc, QString()), doc);
    QCOMPARE(P::resolve(doc, QStringLiteral("/a~1b/c~0d/1/e")), QJsonValue(true));
    QCOMPARE(P::resolve(doc, QStringLiteral("/list/1")), QJsonValue(20));
    for (const char *nothing : {"/list/01", "/list/+1", "/list/2", "/list/-1", "/missing", "list", "/a~1b/c~0d/1/e/f"})
        QVERIFY2(!P::resolve(doc, QString::fromLatin1(nothing)), nothing);
    QCOMPARE(P::escaped(QStringLiteral("a/~b")), QStringLiteral("a~1~0b"));
    QCOMPARE(P::unescaped(QStringLiteral("~01")), QStringLiteral("~1"));

    QJsonValue changed = doc;
    QVERIFY(P::replace(changed, QStringLiteral("/a~1b/c~0d/1/e"), QStringLiteral("x")));
    QVERIFY(P::replace(changed, QStringLiteral("/list/0"), QJsonArray{1, 2}));
    QCOMPARE(P::resolve(changed, QStringLiteral("/a~1b/c~0d/1/e")), QJsonValue(QStringLiteral("x")));
    QCOMPARE(P::resolve(changed, QStringLiteral("/list/0/1")), QJsonValue(2));
    QCOMPARE(P::resolve(changed, QStringLiteral("/list/1")), QJsonValue(20));   // the rest as it was
    QCOMPARE(P::resolve(changed, QStringLiteral("/a~1b/c~0d/0")), QJsonValue(1));
    const QJsonValue before = changed;
    QVERIFY(!P::replace(changed, QStringLiteral("/list/5"), 1));
    QVERIFY(!P::replace(changed, QStringLiteral("/new"), 1));   // replace, not add
    QCOMPARE(changed, before);
}

QTEST_APPLESS_MAIN(JsonSchemaTest)
#include "tst_jsonschema.moc"
