#include "JsonSchema.h"

#include "lesson/JsonPointer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <optional>

namespace warren::lesson {

namespace {

using Violations = QList<SchemaViolation>;

// Keywords that carry no rule: accepted anywhere, never checked.
bool isAnnotation(const QString &keyword)
{
    static const QSet<QString> annotations{
        QStringLiteral("description"), QStringLiteral("title"), QStringLiteral("$schema"),
        QStringLiteral("$id"), QStringLiteral("$comment"), QStringLiteral("default"),
        QStringLiteral("examples")};
    return annotations.contains(keyword);
}

// Keywords that may stand beside a $ref: none of them is a rule draft-07 would then ignore.
bool mayStandBesideRef(const QString &keyword)
{
    return isAnnotation(keyword) || keyword == u"$ref" || keyword == u"definitions" || keyword == u"$defs";
}

// Each type name, with the words a message uses for it.
const QHash<QString, QString> &typeWords()
{
    static const QHash<QString, QString> words{
        {QStringLiteral("object"), QStringLiteral("an object")},
        {QStringLiteral("array"), QStringLiteral("an array")},
        {QStringLiteral("string"), QStringLiteral("a string")},
        {QStringLiteral("integer"), QStringLiteral("an integer")},
        {QStringLiteral("number"), QStringLiteral("a number")},
        {QStringLiteral("boolean"), QStringLiteral("a boolean")},
        {QStringLiteral("null"), QStringLiteral("null")},
    };
    return words;
}

bool isIntegral(const QJsonValue &value)
{
    const double d = value.toDouble();
    return value.isDouble() && std::isfinite(d) && std::trunc(d) == d;
}

// The narrowest type name of `value`: "integer" rather than "number" for 3.
QString typeOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Object: return QStringLiteral("object");
    case QJsonValue::Array: return QStringLiteral("array");
    case QJsonValue::String: return QStringLiteral("string");
    case QJsonValue::Double: return isIntegral(value) ? QStringLiteral("integer") : QStringLiteral("number");
    case QJsonValue::Bool: return QStringLiteral("boolean");
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Undefined: break;
    }
    return {};
}

bool hasType(const QJsonValue &value, const QString &type)
{
    // Every integer is a number too; typeOf() names only the narrowest type.
    return typeOf(value) == type || (type == u"number" && value.isDouble());
}

// `value` as compact JSON text: 1.5, "a", {"k":1}.
QString jsonText(const QJsonValue &value)
{
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));  // without the array's brackets
}

// "a", "a or b", "a, b or c".
QString eitherText(const QStringList &words)
{
    if (words.size() < 2)
        return words.join(QString());
    return words.first(words.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" or ") + words.last();
}

// "1 item", "2 items".
QString counted(qint64 n, const QString &noun)
{
    return QString::number(n) + u' ' + noun + (n == 1 ? QString() : QStringLiteral("s"));
}

QString child(const QString &path, const QString &key)
{
    return path + u'/' + JsonPointer::escaped(key);
}

QString child(const QString &path, qsizetype index)
{
    return path + u'/' + QString::number(index);
}

// The value `ref` ("#" and a JSON Pointer) names in `root`, or nullopt when it names nothing.
std::optional<QJsonValue> resolve(const QJsonObject &root, const QString &ref)
{
    if (!ref.startsWith(u'#'))
        return std::nullopt;
    return JsonPointer::resolve(root, ref.mid(1));
}

QString problem(const QString &at, const QString &what)
{
    return at + QStringLiteral(": ") + what;
}

// Walks a schema once, before any validation, so that validation can trust it: every keyword
// known and well-formed, every $ref resolving, every pattern compiled.
class SchemaChecker {
public:
    SchemaChecker(const QJsonObject &root, QHash<QString, QRegularExpression> &patterns)
        : root_(root), patterns_(patterns) {}

    // The first problem of `schema`, which is at schema path `at` ("#..."), or "".
    QString check(const QJsonValue &schema, const QString &at);

private:
    // Checks the value of one keyword; `at` is the schema path of the keyword itself.
    using Rule = QString (SchemaChecker::*)(const QJsonValue &value, const QString &at);
    static const QHash<QString, Rule> &rules();

    QString checkKeywords(const QJsonObject &schema, const QString &at);
    QString checkType(const QJsonValue &value, const QString &at);
    QString checkSchemaMap(const QJsonValue &value, const QString &at);
    QString checkSchemaList(const QJsonValue &value, const QString &at);
    QString checkItems(const QJsonValue &value, const QString &at);
    QString checkNames(const QJsonValue &value, const QString &at);
    QString checkEnum(const QJsonValue &value, const QString &at);
    QString checkAnything(const QJsonValue &, const QString &) { return {}; }
    QString checkCount(const QJsonValue &value, const QString &at);
    QString checkNumber(const QJsonValue &value, const QString &at);
    QString checkPattern(const QJsonValue &value, const QString &at);
    QString checkRef(const QJsonValue &value, const QString &at);
    bool loops(const QString &from, QString ref) const;

    const QJsonObject &root_;
    QHash<QString, QRegularExpression> &patterns_;
    QSet<QString> checked_;  // schema paths already checked: each once, so $ref cycles end
};

const QHash<QString, SchemaChecker::Rule> &SchemaChecker::rules()
{
    static const QHash<QString, Rule> table{
        {QStringLiteral("type"), &SchemaChecker::checkType},
        {QStringLiteral("properties"), &SchemaChecker::checkSchemaMap},
        {QStringLiteral("required"), &SchemaChecker::checkNames},
        {QStringLiteral("additionalProperties"), &SchemaChecker::check},
        {QStringLiteral("enum"), &SchemaChecker::checkEnum},
        {QStringLiteral("const"), &SchemaChecker::checkAnything},
        {QStringLiteral("items"), &SchemaChecker::checkItems},
        {QStringLiteral("minItems"), &SchemaChecker::checkCount},
        {QStringLiteral("maxItems"), &SchemaChecker::checkCount},
        {QStringLiteral("minimum"), &SchemaChecker::checkNumber},
        {QStringLiteral("maximum"), &SchemaChecker::checkNumber},
        {QStringLiteral("minLength"), &SchemaChecker::checkCount},
        {QStringLiteral("pattern"), &SchemaChecker::checkPattern},
        {QStringLiteral("oneOf"), &SchemaChecker::checkSchemaList},
        {QStringLiteral("anyOf"), &SchemaChecker::checkSchemaList},
        {QStringLiteral("$ref"), &SchemaChecker::checkRef},
        {QStringLiteral("definitions"), &SchemaChecker::checkSchemaMap},
        {QStringLiteral("$defs"), &SchemaChecker::checkSchemaMap},
    };
    return table;
}

QString SchemaChecker::check(const QJsonValue &schema, const QString &at)
{
    if (checked_.contains(at))
        return {};
    checked_.insert(at);
    if (schema.isBool())
        return {};
    if (!schema.isObject())
        return problem(at, QStringLiteral("a schema must be an object or a boolean"));
    return checkKeywords(schema.toObject(), at);
}

QString SchemaChecker::checkKeywords(const QJsonObject &schema, const QString &at)
{
    const bool hasRef = schema.contains(u"$ref");
    for (const QString &keyword : schema.keys()) {
        if (isAnnotation(keyword))
            continue;
        const Rule rule = rules().value(keyword);
        if (!rule)
            return problem(at, QStringLiteral("unsupported keyword '%1'").arg(keyword));
        if (hasRef && !mayStandBesideRef(keyword))
            return problem(at, QStringLiteral("keyword '%1' beside '$ref' (draft-07 ignores it)").arg(keyword));
        if (const QString error = (this->*rule)(schema.value(keyword), child(at, keyword)); !error.isEmpty())
            return error;
    }
    return {};
}

QString SchemaChecker::checkType(const QJsonValue &value, const QString &at)
{
    const QJsonArray names = value.isArray() ? value.toArray() : QJsonArray{value};
    if (names.isEmpty())
        return problem(at, QStringLiteral("must name at least one type"));
    for (const QJsonValue &name : names) {
        if (!typeWords().contains(name.toString()))
            return problem(at, QStringLiteral("unknown type %1 (the types are object, array, string, integer, "
                                              "number, boolean, null)").arg(jsonText(name)));
    }
    return {};
}

QString SchemaChecker::checkSchemaMap(const QJsonValue &value, const QString &at)
{
    if (!value.isObject())
        return problem(at, QStringLiteral("must be an object of schemas"));
    const QJsonObject map = value.toObject();
    for (const QString &key : map.keys()) {
        if (const QString error = check(map.value(key), child(at, key)); !error.isEmpty())
            return error;
    }
    return {};
}

QString SchemaChecker::checkSchemaList(const QJsonValue &value, const QString &at)
{
    const QJsonArray list = value.toArray();
    if (list.isEmpty())
        return problem(at, QStringLiteral("must be a non-empty array of schemas"));
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (const QString error = check(list.at(i), child(at, i)); !error.isEmpty())
            return error;
    }
    return {};
}

QString SchemaChecker::checkItems(const QJsonValue &value, const QString &at)
{
    if (value.isArray())
        return problem(at, QStringLiteral("a schema per position is not supported: give one schema for every item"));
    return check(value, at);
}

QString SchemaChecker::checkNames(const QJsonValue &value, const QString &at)
{
    const QJsonArray names = value.toArray();
    const bool allStrings = std::all_of(names.begin(), names.end(), [](const QJsonValue &name) { return name.isString(); });
    if (!value.isArray() || !allStrings)
        return problem(at, QStringLiteral("must be an array of property names"));
    return {};
}

QString SchemaChecker::checkEnum(const QJsonValue &value, const QString &at)
{
    if (value.toArray().isEmpty())
        return problem(at, QStringLiteral("must be a non-empty array of values"));
    return {};
}

QString SchemaChecker::checkCount(const QJsonValue &value, const QString &at)
{
    if (!isIntegral(value) || value.toDouble() < 0)
        return problem(at, QStringLiteral("must be a non-negative integer"));
    return {};
}

QString SchemaChecker::checkNumber(const QJsonValue &value, const QString &at)
{
    if (!value.isDouble())
        return problem(at, QStringLiteral("must be a number"));
    return {};
}

QString SchemaChecker::checkPattern(const QJsonValue &value, const QString &at)
{
    if (!value.isString())
        return problem(at, QStringLiteral("must be a string"));
    const QRegularExpression regex(value.toString());
    if (!regex.isValid())
        return problem(at, QStringLiteral("not a valid regular expression: %1 at offset %2")
                               .arg(regex.errorString()).arg(regex.patternErrorOffset()));
    patterns_.insert(value.toString(), regex);
    return {};
}

QString SchemaChecker::checkRef(const QJsonValue &value, const QString &at)
{
    const QString ref = value.toString();
    if (!ref.startsWith(u'#'))
        return problem(at, QStringLiteral("only references into this schema are supported, as \"#/definitions/Name\""));
    const std::optional<QJsonValue> target = resolve(root_, ref);
    if (!target)
        return problem(at, QStringLiteral("'%1' does not resolve").arg(ref));
    const QString owner = at.left(at.lastIndexOf(u'/'));  // the schema that has this $ref
    if (loops(owner, ref))
        return problem(at, QStringLiteral("'%1' leads to a loop of $refs that never reaches a rule").arg(ref));
    // The target is checked where it is, as if it were there in place of the $ref.
    return check(*target, ref);
}

// Whether following $refs from `ref` comes back to a schema of the chain without reaching one
// that is not a $ref: validating against it would never end.
bool SchemaChecker::loops(const QString &from, QString ref) const
{
    QSet<QString> seen{from};
    while (!seen.contains(ref)) {
        seen.insert(ref);
        const std::optional<QJsonValue> target = resolve(root_, ref);
        if (!target || !target->toObject().contains(u"$ref"))
            return false;
        ref = target->toObject().value(u"$ref").toString();
    }
    return true;
}

std::optional<SchemaViolation> typeViolation(const QJsonObject &schema, const QJsonValue &instance, const QString &path)
{
    const QJsonValue type = schema.value(u"type");
    if (type.isUndefined())
        return std::nullopt;
    QStringList expected;
    for (const QJsonValue &name : type.isArray() ? type.toArray() : QJsonArray{type}) {
        if (hasType(instance, name.toString()))
            return std::nullopt;
        expected << typeWords().value(name.toString());
    }
    const QString got = typeWords().value(typeOf(instance), QStringLiteral("nothing"));
    return SchemaViolation{path, QStringLiteral("expected %1, got %2").arg(eitherText(expected), got)};
}

// const and enum, which apply to values of any type.
Violations valueViolations(const QJsonObject &schema, const QJsonValue &instance, const QString &path)
{
    Violations violations;
    const QJsonValue constant = schema.value(u"const");
    if (schema.contains(u"const") && instance != constant) {
        const QString text = constant.isString() ? u'\'' + constant.toString() + u'\'' : jsonText(constant);
        violations << SchemaViolation{path, QStringLiteral("must be %1").arg(text)};
    }
    const QJsonArray allowed = schema.value(u"enum").toArray();
    if (schema.contains(u"enum") && !allowed.contains(instance)) {
        QStringList texts;  // strings bare, as a reader would list them
        for (const QJsonValue &value : allowed)
            texts << (value.isString() ? value.toString() : jsonText(value));
        violations << SchemaViolation{path, QStringLiteral("must be one of: %1").arg(texts.join(u", "))};
    }
    return violations;
}

Violations numberViolations(const QJsonObject &schema, double number, const QString &path)
{
    Violations violations;
    const QJsonValue minimum = schema.value(u"minimum");
    if (minimum.isDouble() && number < minimum.toDouble())
        violations << SchemaViolation{path, QStringLiteral("must be at least %1").arg(jsonText(minimum))};
    const QJsonValue maximum = schema.value(u"maximum");
    if (maximum.isDouble() && number > maximum.toDouble())
        violations << SchemaViolation{path, QStringLiteral("must be at most %1").arg(jsonText(maximum))};
    return violations;
}

// One validation of an instance against a schema that fromJson() has checked.
class Validator {
public:
    Validator(const QJsonObject &root, const QHash<QString, QRegularExpression> &patterns)
        : root_(root), patterns_(patterns) {}

    Violations run(const QJsonValue &instance);

private:
    Violations apply(const QJsonValue &schema, const QJsonValue &instance, const QString &path);
    Violations applyRules(const QJsonObject &schema, const QJsonValue &instance, const QString &path);
    Violations stringViolations(const QJsonObject &schema, const QString &text, const QString &path) const;
    Violations arrayViolations(const QJsonObject &schema, const QJsonArray &items, const QString &path);
    Violations objectViolations(const QJsonObject &schema, const QJsonObject &object, const QString &path);
    Violations alternatives(const QJsonArray &branches, bool exactlyOne, const QJsonValue &instance, const QString &path);
    std::optional<qsizetype> intendedBranch(const QJsonArray &branches, const QJsonValue &instance) const;
    int agreements(const QJsonObject &branch, const QJsonObject &instance) const;
    QJsonObject followed(QJsonValue schema) const;

    const QJsonObject &root_;
    const QHash<QString, QRegularExpression> &patterns_;
    int depth_ = 0;
    std::optional<QString> tooDeepAt_;  // where MaxDepth was reached: every pending check stops
};

Violations Validator::run(const QJsonValue &instance)
{
    const Violations violations = apply(root_, instance, QString());
    if (tooDeepAt_)
        return {{*tooDeepAt_, QStringLiteral("too deeply nested to check (more than %1 levels of schemas)")
                                  .arg(JsonSchema::MaxDepth)}};
    return violations;
}

Violations Validator::apply(const QJsonValue &schema, const QJsonValue &instance, const QString &path)
{
    if (tooDeepAt_)
        return {};
    if (depth_ == JsonSchema::MaxDepth) {
        tooDeepAt_ = path;
        return {};
    }
    if (schema.isBool())
        return schema.toBool() ? Violations{} : Violations{{path, QStringLiteral("no value is allowed here")}};
    ++depth_;
    const Violations violations = applyRules(schema.toObject(), instance, path);
    --depth_;
    return violations;
}

Violations Validator::applyRules(const QJsonObject &schema, const QJsonValue &instance, const QString &path)
{
    if (schema.contains(u"$ref"))  // resolves, and alone but for annotations: checked in fromJson()
        return apply(resolve(root_, schema.value(u"$ref").toString()).value_or(QJsonValue(true)), instance, path);
    if (const std::optional<SchemaViolation> wrongType = typeViolation(schema, instance, path))
        return {*wrongType};  // the other rules would only be noise about a value of the wrong type
    Violations violations = valueViolations(schema, instance, path);
    if (instance.isDouble())
        violations += numberViolations(schema, instance.toDouble(), path);
    else if (instance.isString())
        violations += stringViolations(schema, instance.toString(), path);
    else if (instance.isArray())
        violations += arrayViolations(schema, instance.toArray(), path);
    else if (instance.isObject())
        violations += objectViolations(schema, instance.toObject(), path);
    if (schema.contains(u"oneOf"))
        violations += alternatives(schema.value(u"oneOf").toArray(), true, instance, path);
    if (schema.contains(u"anyOf"))
        violations += alternatives(schema.value(u"anyOf").toArray(), false, instance, path);
    return violations;
}

Violations Validator::stringViolations(const QJsonObject &schema, const QString &text, const QString &path) const
{
    Violations violations;
    const qint64 minLength = schema.value(u"minLength").toInteger();
    if (text.toUcs4().size() < minLength)  // code points, not UTF-16 units
        violations << SchemaViolation{path, QStringLiteral("must be at least %1 long").arg(counted(minLength, QStringLiteral("character")))};
    const QString pattern = schema.value(u"pattern").toString();
    if (schema.contains(u"pattern") && !patterns_.value(pattern).match(text).hasMatch())
        violations << SchemaViolation{path, QStringLiteral("does not match %1").arg(pattern)};
    return violations;
}

Violations Validator::arrayViolations(const QJsonObject &schema, const QJsonArray &items, const QString &path)
{
    Violations violations;
    const QJsonValue minItems = schema.value(u"minItems");
    if (!minItems.isUndefined() && items.size() < minItems.toInteger())
        violations << SchemaViolation{path, QStringLiteral("must have at least %1").arg(counted(minItems.toInteger(), QStringLiteral("item")))};
    const QJsonValue maxItems = schema.value(u"maxItems");
    if (!maxItems.isUndefined() && items.size() > maxItems.toInteger())
        violations << SchemaViolation{path, QStringLiteral("must have at most %1").arg(counted(maxItems.toInteger(), QStringLiteral("item")))};
    if (schema.contains(u"items")) {
        for (qsizetype i = 0; i < items.size(); ++i)
            violations += apply(schema.value(u"items"), items.at(i), child(path, i));
    }
    return violations;
}

Violations Validator::objectViolations(const QJsonObject &schema, const QJsonObject &object, const QString &path)
{
    Violations violations;
    for (const QJsonValue &name : schema.value(u"required").toArray()) {
        if (!object.contains(name.toString()))
            violations << SchemaViolation{path, QStringLiteral("missing required property '%1'").arg(name.toString())};
    }
    const QJsonObject properties = schema.value(u"properties").toObject();
    const QJsonValue additional = schema.value(u"additionalProperties");
    for (const QString &key : object.keys()) {
        if (properties.contains(key))
            violations += apply(properties.value(key), object.value(key), child(path, key));
        else if (additional.isBool() && !additional.toBool())  // said of the object, which has the typo
            violations << SchemaViolation{path, QStringLiteral("unknown property '%1'").arg(key)};
        else if (!additional.isUndefined())
            violations += apply(additional, object.value(key), child(path, key));
    }
    return violations;
}

Violations Validator::alternatives(const QJsonArray &branches, bool exactlyOne, const QJsonValue &instance, const QString &path)
{
    QList<Violations> results;
    for (const QJsonValue &branch : branches)
        results << apply(branch, instance, path);
    const auto matching = std::count_if(results.cbegin(), results.cend(), [](const Violations &v) { return v.isEmpty(); });
    if (matching == 1 || (matching > 1 && !exactlyOne))
        return {};
    if (matching > 1)
        return {{path, QStringLiteral("matches more than one of the allowed forms")}};
    // The one form the author evidently meant says far more than "matches none".
    if (const std::optional<qsizetype> intended = intendedBranch(branches, instance))
        return results.at(*intended);
    return {{path, QStringLiteral("matches none of the allowed forms")}};
}

// The branch that alone agrees best with `instance` on the properties the branches pin with
// const or enum, e.g. the discriminator in {"properties": {"expect": {"const": "queue"}}};
// nullopt when none agrees on any, or several agree equally.
std::optional<qsizetype> Validator::intendedBranch(const QJsonArray &branches, const QJsonValue &instance) const
{
    if (!instance.isObject())
        return std::nullopt;
    int best = 0;
    std::optional<qsizetype> intended;
    for (qsizetype i = 0; i < branches.size(); ++i) {
        const int score = agreements(followed(branches.at(i)), instance.toObject());
        if (score > best) {
            best = score;
            intended = i;
        } else if (score == best) {
            intended.reset();  // a tie at the top: no branch stands out
        }
    }
    return intended;
}

// How many of the properties `branch` pins with const or enum have an allowed value in `instance`.
int Validator::agreements(const QJsonObject &branch, const QJsonObject &instance) const
{
    const QJsonObject properties = branch.value(u"properties").toObject();
    int count = 0;
    for (const QString &key : properties.keys()) {
        const QJsonObject pin = followed(properties.value(key));
        const QJsonValue value = instance.value(key);
        const bool constAgrees = pin.contains(u"const") && pin.value(u"const") == value;
        const bool enumAgrees = pin.contains(u"enum") && pin.value(u"enum").toArray().contains(value);
        count += instance.contains(key) && (constAgrees || enumAgrees);
    }
    return count;
}

// `schema` past its $refs (they resolve and do not loop: checked in fromJson()); empty for a
// boolean schema.
QJsonObject Validator::followed(QJsonValue schema) const
{
    for (int hop = 0; hop < JsonSchema::MaxDepth && schema.toObject().contains(u"$ref"); ++hop)
        schema = resolve(root_, schema.toObject().value(u"$ref").toString()).value_or(QJsonValue());
    return schema.toObject();
}

} // namespace

JsonSchema JsonSchema::fromJson(const QJsonObject &root)
{
    JsonSchema schema;
    schema.root_ = root;
    schema.error_ = SchemaChecker(root, schema.patterns_).check(root, QStringLiteral("#"));
    return schema;
}

QList<SchemaViolation> JsonSchema::validate(const QJsonValue &instance) const
{
    if (!isValid())
        return {{QString(), QStringLiteral("the schema is unusable: %1").arg(error_)}};
    return Validator(root_, patterns_).run(instance);
}

} // namespace warren::lesson
