using System.Globalization;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Emit;

// How each kind of value is declared, written and read. The only place that knows the mapping from
// spec types to C# types and Utf8JsonWriter/Utf8JsonReader calls.
internal static partial class Emitter
{
    private const string Json = "global::ImCsGen.Serialization.ImJson";
    private const string JsonTokenNull = "global::System.Text.Json.JsonTokenType.Null";
    private const string Reader = "global::System.Text.Json.Utf8JsonReader";
    private const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    private const string EncodedText = "global::System.Text.Json.JsonEncodedText";
    private const string Validate = "global::ImCsGen.Validation.ImValidate";
    private const string ValidationException = "global::ImCsGen.Validation.ImValidationException";
    private const string JsonException = "global::ImCsGen.Serialization.ImJsonException";

    /// <summary>The C# type of a value, without the trailing '?' for absence.</summary>
    private static string CsType(TypeRefModel type) => type.Kind == TypeRefKind.Array
        ? "global::System.Collections.Generic.IList<" + CsType(type.Element!) + ">"
        : type.Name;

    /// <summary>
    /// The property type: non-null when the field is required or has a default the request always
    /// sends; otherwise nullable, so "not set" is distinct from zero and is not sent.
    /// </summary>
    private static string PropertyType(FieldModel field) => IsNonNull(field) ? CsType(field.Type) : CsType(field.Type) + "?";

    private static bool IsNonNull(FieldModel field) => field.Required;

    private static string EncodedName(FieldModel field) => "__name_" + field.CsName;

    /// <summary>Writes one property (name and value) whose value is in <paramref name="value"/> and is not null.</summary>
    private static void WriteProperty(SourceWriter w, FieldModel field, string value)
    {
        var name = EncodedName(field);
        switch (field.Type.Kind)
        {
            case TypeRefKind.String:
                w.WriteLine("writer.WriteString(" + name + ", " + value + ");");
                break;
            case TypeRefKind.Bool:
                w.WriteLine("writer.WriteBoolean(" + name + ", " + value + ");");
                break;
            case TypeRefKind.Int32:
            case TypeRefKind.Int64:
            case TypeRefKind.UInt32:
            case TypeRefKind.Double:
                w.WriteLine("writer.WriteNumber(" + name + ", " + value + ");");
                break;
            case TypeRefKind.IntEnum:
                w.WriteLine("writer.WriteNumber(" + name + ", (int)" + value + ");");
                break;
            case TypeRefKind.StringEnum:
                w.WriteLine("writer.WriteString(" + name + ", " + value + ".Value);");
                break;
            default:
                w.WriteLine("writer.WritePropertyName(" + name + ");");
                WriteValue(w, field.Type, value, 0);
                break;
        }
    }

    /// <summary>Writes a value (after its property name, or as an array item).</summary>
    private static void WriteValue(SourceWriter w, TypeRefModel type, string value, int depth)
    {
        switch (type.Kind)
        {
            case TypeRefKind.String:
                w.WriteLine("writer.WriteStringValue(" + value + ");");
                break;
            case TypeRefKind.Bool:
                w.WriteLine("writer.WriteBooleanValue(" + value + ");");
                break;
            case TypeRefKind.Int32:
            case TypeRefKind.Int64:
            case TypeRefKind.UInt32:
            case TypeRefKind.Double:
                w.WriteLine("writer.WriteNumberValue(" + value + ");");
                break;
            case TypeRefKind.IntEnum:
                w.WriteLine("writer.WriteNumberValue((int)" + value + ");");
                break;
            case TypeRefKind.StringEnum:
                w.WriteLine("writer.WriteStringValue(" + value + ".Value);");
                break;
            case TypeRefKind.Json:
                // Through ImJson: a required JSON field missing from a tolerant read is default(JsonElement) (issue 18).
                w.WriteLine(Json + ".WriteElement(writer, " + value + ");");
                break;
            case TypeRefKind.Object:
            case TypeRefKind.Union:
                w.WriteLine(value + ".WriteJson(writer);");
                break;
            case TypeRefKind.Array:
                var item = "item" + depth.ToString(CultureInfo.InvariantCulture);
                w.WriteLine("writer.WriteStartArray();");
                w.OpenBlock("foreach (var " + item + " in " + Json + ".Items(" + value + "))");
                if (type.Element!.IsValueType || type.Element.Kind == TypeRefKind.String)
                {
                    WriteValue(w, type.Element, item, depth + 1);
                }
                else
                {
                    w.OpenBlock("if (" + item + " is null)");
                    w.WriteLine("writer.WriteNullValue();");
                    w.CloseBlock();
                    w.OpenBlock("else");
                    WriteValue(w, type.Element, item, depth + 1);
                    w.CloseBlock();
                }

                w.CloseBlock();
                w.WriteLine("writer.WriteEndArray();");
                break;
        }
    }

    /// <summary>An expression reading a non-null value of <paramref name="type"/> at the reader's current token.</summary>
    private static string ReadExpression(TypeRefModel type, string reader, string wireName, int depth)
    {
        var path = Literal(wireName);
        switch (type.Kind)
        {
            case TypeRefKind.String: return Json + ".ReadRequiredString(ref " + reader + ", " + path + ")";
            case TypeRefKind.Bool: return Json + ".ReadBoolean(ref " + reader + ", " + path + ")";
            case TypeRefKind.Int32: return Json + ".ReadInt32(ref " + reader + ", " + path + ")";
            case TypeRefKind.Int64: return Json + ".ReadInt64(ref " + reader + ", " + path + ")";
            case TypeRefKind.UInt32: return Json + ".ReadUInt32(ref " + reader + ", " + path + ")";
            case TypeRefKind.Double: return Json + ".ReadDouble(ref " + reader + ", " + path + ")";
            case TypeRefKind.Json: return Json + ".ReadElement(ref " + reader + ")";
            case TypeRefKind.IntEnum: return "(" + type.Name + ")" + Json + ".ReadInt32(ref " + reader + ", " + path + ")";
            case TypeRefKind.StringEnum: return "new " + type.Name + "(" + Json + ".ReadRequiredString(ref " + reader + ", " + path + "))";
            case TypeRefKind.Object:
            case TypeRefKind.Union:
                return type.Name + ".ReadJson(ref " + reader + ")";
            default:
                var inner = "r" + depth.ToString(CultureInfo.InvariantCulture);
                return Json + ".ReadArray<" + CsType(type.Element!) + ">(ref " + reader + ", " + path + ", static (ref " + Reader + " " + inner + ") => "
                    + ReadExpression(type.Element!, inner, wireName, depth + 1) + ")";
        }
    }

    /// <summary>Whether reading the type can throw from a nested level, so the field name must be prefixed to the error path.</summary>
    private static bool IsNested(TypeRefModel type) => type.Kind is TypeRefKind.Object or TypeRefKind.Union or TypeRefKind.Array;

    private static string NumberLiteral(double value, TypeRefModel type)
    {
        if (type.Kind != TypeRefKind.Double && value == System.Math.Floor(value) && value >= long.MinValue && value <= long.MaxValue)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture) + "L";
        }

        return value.ToString("R", CultureInfo.InvariantCulture) + "d";
    }
}
