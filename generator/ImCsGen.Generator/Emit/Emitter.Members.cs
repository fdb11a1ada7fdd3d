using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ImCsGen.Generator.Helpers;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Emit;

// The members every generated class has: properties with their metadata attributes, the encoded
// property names, the writer, the reader and the validator.
internal static partial class Emitter
{
    private const string Metadata = "global::ImCsGen.Metadata";

    private static void EmitProperties(SourceWriter w, EquatableArray<FieldModel> fields)
    {
        foreach (var field in fields)
        {
            w.WriteSummary(field.Description, "The <c>" + field.WireName + "</c> field.");
            if (field.DefaultLiteral is not null)
            {
                w.WriteRemarks("Defaults to <c>" + SourceWriter.Escape(field.DefaultLiteral) + "</c>, which is sent unless changed.");
            }

            foreach (var attribute in Attributes(field))
            {
                w.WriteLine("[" + attribute + "]");
            }

            var modifier = field.Required && field.DefaultLiteral is null ? "required " : string.Empty;
            var initializer = field.DefaultLiteral is null ? string.Empty : " = " + field.DefaultLiteral + ";";
            w.WriteLine("public " + modifier + PropertyType(field) + " " + field.CsName + " { get; set; }" + initializer);
            w.WriteLine();
        }
    }

    private static IEnumerable<string> Attributes(FieldModel field)
    {
        var named = new List<string>();
        if (field.Required)
        {
            named.Add("Required = true");
        }

        if (field.Role != FieldRole.None)
        {
            named.Add("Role = " + Metadata + ".ImFieldRole." + field.Role);
        }

        if (field.Kind != ValueKind.None)
        {
            named.Add("Kind = " + Metadata + ".ImValueKind." + field.Kind);
        }

        yield return Metadata + ".ImField(" + Literal(field.WireName) + (named.Count > 0 ? ", " + string.Join(", ", named) : string.Empty) + ")";
        var c = field.Constraints;
        if (c.Minimum is not null || c.Maximum is not null)
        {
            yield return Metadata + ".ImRange(" + DoubleLiteral(c.Minimum ?? MinOf(field.Type)) + ", " + DoubleLiteral(c.Maximum ?? MaxOf(field.Type)) + ")";
        }

        var maxBytes = c.MaxBytes ?? (field.Kind == ValueKind.UserId ? 32 : (long?)null);
        var minBytes = c.MinBytes ?? (field.Kind == ValueKind.UserId ? 1 : (long?)null);
        if (minBytes is not null)
        {
            yield return Metadata + ".ImMinBytes(" + minBytes.Value.ToString(CultureInfo.InvariantCulture) + ")";
        }

        if (maxBytes is not null)
        {
            yield return Metadata + ".ImMaxBytes(" + maxBytes.Value.ToString(CultureInfo.InvariantCulture) + ")";
        }

        if (c.MinItems is not null)
        {
            yield return Metadata + ".ImMinItems(" + c.MinItems.Value.ToString(CultureInfo.InvariantCulture) + ")";
        }

        if (c.MaxItems is not null)
        {
            yield return Metadata + ".ImMaxItems(" + c.MaxItems.Value.ToString(CultureInfo.InvariantCulture) + ")";
        }

        if (c.Pattern is not null)
        {
            yield return Metadata + ".ImPattern(" + Literal(c.Pattern) + ")";
        }

        if (c.MaxJsonBytes is not null)
        {
            yield return Metadata + ".ImMaxJsonBytes(" + c.MaxJsonBytes.Value.ToString(CultureInfo.InvariantCulture) + ")";
        }

        foreach (var limit in c.MaxPerVariant)
        {
            yield return Metadata + ".ImMaxPerVariant(" + Literal(limit.Value) + ", " + limit.Max.ToString(CultureInfo.InvariantCulture) + ")";
        }
    }

    private static double MinOf(TypeRefModel type) => type.Kind switch
    {
        TypeRefKind.Int32 => int.MinValue,
        TypeRefKind.UInt32 => 0,
        TypeRefKind.Int64 => long.MinValue,
        _ => double.MinValue,
    };

    private static double MaxOf(TypeRefModel type) => type.Kind switch
    {
        TypeRefKind.Int32 => int.MaxValue,
        TypeRefKind.UInt32 => uint.MaxValue,
        TypeRefKind.Int64 => long.MaxValue,
        _ => double.MaxValue,
    };

    private static string DoubleLiteral(double value) => value.ToString("R", CultureInfo.InvariantCulture) + "d";

    private static void EmitEncodedNames(SourceWriter w, EquatableArray<FieldModel> fields)
    {
        // Pre-encoded names: the writer copies bytes instead of escaping the name on every call.
        foreach (var field in fields)
        {
            w.WriteLine("private static readonly " + EncodedText + " " + EncodedName(field) + " = " + EncodedText + ".Encode(" + Literal(field.WireName) + ");");
        }

        if (fields.Count > 0)
        {
            w.WriteLine();
        }
    }

    /// <param name="checkWrittenSizes">
    /// Requests: a field with a JSON-size limit (MsgBody's 12 KB) is measured on the bytes written here, so the
    /// transport serializes a body once instead of once to count and once to send (issue 17).
    /// </param>
    private static void EmitWriteProperties(SourceWriter w, EquatableArray<FieldModel> fields, bool checkWrittenSizes = false)
    {
        w.OpenBlock("private void WriteProperties(" + Writer + " writer)");
        foreach (var field in fields)
        {
            if (checkWrittenSizes && field.Constraints.MaxJsonBytes is { } maxJson)
            {
                EmitSizedProperty(w, field, maxJson);
                continue;
            }

            if (IsNonNull(field) && !field.Type.IsValueType)
            {
                // Validate() rejects a null required value before sending; a null here is written as JSON null.
                w.OpenBlock("if (this." + field.CsName + " is { } " + Local(field) + ")");
                WriteProperty(w, field, Local(field));
                w.CloseBlock();
                w.OpenBlock("else");
                w.WriteLine("writer.WriteNull(" + EncodedName(field) + ");");
                w.CloseBlock();
            }
            else if (IsNonNull(field))
            {
                WriteProperty(w, field, "this." + field.CsName);
            }
            else
            {
                w.OpenBlock("if (this." + field.CsName + " is { } " + Local(field) + ")");
                WriteProperty(w, field, Local(field));
                w.CloseBlock();
            }
        }

        w.CloseBlock();
    }

    private static string Local(FieldModel field) => "__" + char.ToLowerInvariant(field.CsName[0]) + field.CsName.Substring(1);

    /// <summary>A property whose value is measured as it is written: more than <paramref name="maxJson"/> bytes throws ImValidationException.</summary>
    private static void EmitSizedProperty(SourceWriter w, FieldModel field, long maxJson)
    {
        // Same null handling as the other properties: a present value is written, a missing required
        // reference is written as JSON null (Validate refuses it first), a missing optional one is left out.
        var direct = IsNonNull(field) && field.Type.IsValueType;
        var value = direct ? "this." + field.CsName : Local(field);
        if (!direct)
        {
            w.OpenBlock("if (this." + field.CsName + " is { } " + Local(field) + ")");
        }

        w.WriteLine("writer.WritePropertyName(" + EncodedName(field) + ");");
        w.WriteLine("var " + Local(field) + "Start = " + Validate + ".JsonPosition(writer);");
        WriteValue(w, field.Type, value, 0);
        var sizeCheck = Validate + ".WrittenJsonSize(writer, " + Local(field) + "Start, " + maxJson.ToString(CultureInfo.InvariantCulture) + ", " + Literal(field.WireName) + ");";
        var codes = field.Constraints.ErrorCodes.Where(static c => c.Rule == "maxJsonBytes").ToEquatableArray();
        if (codes.Count == 0)
        {
            w.WriteLine(sizeCheck);
        }
        else
        {
            // Measured while writing: the same code as Validate() stamps on the failure.
            w.OpenBlock("try");
            w.WriteLine(sizeCheck);
            w.CloseBlock();
            EmitErrorCodeCatches(w, codes);
        }
        if (!direct)
        {
            w.CloseBlock();
            if (IsNonNull(field))
            {
                w.OpenBlock("else");
                w.WriteLine("writer.WriteNull(" + EncodedName(field) + ");");
                w.CloseBlock();
            }
        }
    }

    /// <summary>Emits <c>private static T ReadObject(ref Utf8JsonReader reader)</c>.</summary>
    private static void EmitReadObject(SourceWriter w, string typeName, EquatableArray<FieldModel> fields, bool isResponse, bool tolerant = false)
    {
        var required = fields.Where(f => f.Required).ToList();
        w.OpenBlock("private static " + typeName + " ReadObject(ref " + Reader + " reader)");
        w.WriteLine(Json + ".ReadStartObject(ref reader, " + Literal(typeName) + ");");
        w.WriteLine("var value = new " + typeName + "(" + (required.Count > 0 ? "forReading: true" : string.Empty) + ");");
        foreach (var field in required)
        {
            w.WriteLine("var seen" + field.CsName + " = false;");
        }

        w.OpenBlock("while (" + Json + ".NextProperty(ref reader))");
        foreach (var field in fields)
        {
            w.OpenBlock("if (reader.ValueTextEquals(" + EncodedName(field) + ".EncodedUtf8Bytes))");
            w.WriteLine("reader.Read();");
            var read = ReadExpression(field.Type, "reader", field.WireName, 0);
            var nested = IsNested(field.Type);
            if (nested)
            {
                w.OpenBlock("try");
            }

            if (field.Required)
            {
                w.OpenBlock("if (reader.TokenType != " + JsonTokenNull + ")");
                w.WriteLine("value." + field.CsName + " = " + read + ";");
                w.WriteLine("seen" + field.CsName + " = true;");
                w.CloseBlock();
            }
            else
            {
                w.WriteLine("value." + field.CsName + " = reader.TokenType == " + JsonTokenNull + " ? null : " + read + ";");
            }

            if (nested)
            {
                w.CloseBlock();
                w.OpenBlock("catch (" + JsonException + " e)");
                w.WriteLine("throw e.WithParent(" + Literal(field.WireName) + ");");
                w.CloseBlock();
            }

            w.WriteLine("continue;");
            w.CloseBlock();
            w.WriteLine();
        }

        if (isResponse)
        {
            w.OpenBlock("if (value.TryReadEnvelopeProperty(ref reader))");
            w.WriteLine("continue;");
            w.CloseBlock();
            w.WriteLine();
        }

        w.WriteLine("// Tencent adds fields over time: a property this spec does not know is skipped, never fatal.");
        w.WriteLine(Json + ".SkipValue(ref reader);");
        w.CloseBlock();
        if (tolerant && required.Count > 0)
        {
            EmitMissingFieldList(w, required);
        }

        foreach (var field in tolerant ? new List<FieldModel>() : required)
        {
            w.WriteLine();
            w.OpenBlock("if (!seen" + field.CsName + ")");
            w.WriteLine("throw new " + JsonException + "(" + Literal(field.WireName) + ", \"the required property is missing or null.\");");
            w.CloseBlock();
        }

        w.WriteLine();
        w.WriteLine("return value;");
        w.CloseBlock();
    }

    private static void EmitReadingConstructors(SourceWriter w, string typeName, EquatableArray<FieldModel> fields)
    {
        if (!fields.Any(f => f.Required))
        {
            return;
        }

        w.WriteSummary(null, "Creates an empty instance; set the required properties in an object initializer.");
        w.WriteLine("public " + typeName + "()");
        w.WriteLine("{");
        w.WriteLine("}");
        w.WriteLine();
        w.WriteLine("// Used by ReadObject, which throws unless every required property was present and not null.");
        w.WriteLine("#pragma warning disable CS8618");
        w.WriteLine("[global::System.Diagnostics.CodeAnalysis.SetsRequiredMembers]");
        w.WriteLine("private " + typeName + "(bool forReading)");
        w.WriteLine("{");
        w.WriteLine("}");
        w.WriteLine("#pragma warning restore CS8618");
        w.WriteLine();
    }

    /// <summary>Emits <c>private void ValidateProperties()</c>: every spec constraint, naming the wire field on failure.</summary>
    /// <param name="sizesWritten">
    /// Requests whose body measures its JSON-size limits while writing: <c>ValidateProperties(bool measureJsonSize)</c>,
    /// so <c>Validate()</c> still checks everything and the transport's pass skips only what WriteJson measures.
    /// </param>
    private static void EmitValidateProperties(SourceWriter w, EquatableArray<FieldModel> fields, bool sizesWritten = false)
    {
        w.OpenBlock(sizesWritten ? "private void ValidateProperties(bool measureJsonSize)" : "private void ValidateProperties()");
        foreach (var field in fields)
        {
            EmitFieldValidation(w, field, sizesWritten ? "measureJsonSize && " : string.Empty);
        }

        w.CloseBlock();
    }

    private static void EmitFieldValidation(SourceWriter w, FieldModel field, string measureCondition = "")
    {
        var c = field.Constraints;
        if (c.ErrorCodes.Count == 0)
        {
            EmitFieldChecks(w, field, measureCondition);
        }
        else
        {
            // The spec states Tencent's code for some of these rules: the exception carries it (the emulator answers it).
            w.OpenBlock("try");
            EmitFieldChecks(w, field, measureCondition);
            w.CloseBlock();
            EmitErrorCodeCatches(w, c.ErrorCodes);
        }

        EmitNestedValidation(w, field, "this." + field.CsName);
    }

    /// <summary>One catch per rule with a spec error code: the failure is rethrown carrying Tencent's code.</summary>
    private static void EmitErrorCodeCatches(SourceWriter w, EquatableArray<RuleErrorCode> codes)
    {
        foreach (var code in codes)
        {
            var text = code.Code.ToString(CultureInfo.InvariantCulture);
            w.OpenBlock("catch (" + ValidationException + " e) when (e.Rule == " + Literal(code.Rule) + " && e.ErrorCode is null)");
            w.WriteLine("// Tencent answers " + text + ": " + OneLine(code.Description));
            w.WriteLine("throw e.WithErrorCode(" + text + ");");
            w.CloseBlock();
        }
    }

    private static string OneLine(string text) => text.Replace("\r", " ").Replace("\n", " ");

    private static void EmitFieldChecks(SourceWriter w, FieldModel field, string measureCondition)
    {
        var name = Literal(field.WireName);
        var value = "this." + field.CsName;
        var c = field.Constraints;
        if (field.Required && !field.Type.IsValueType)
        {
            w.WriteLine(Validate + ".Required(" + value + ", " + name + ");");
        }

        var isString = field.Type.Kind == TypeRefKind.String;
        var isStringArray = field.Type.Kind == TypeRefKind.Array && field.Type.Element!.Kind == TypeRefKind.String;
        if (field.Kind == ValueKind.UserId)
        {
            w.WriteLine(Validate + (isString ? ".UserId(" : ".UserIds(") + value + ", " + name + ");");
        }

        if (isString)
        {
            if (c.MinBytes is { } minBytes)
            {
                w.WriteLine(Validate + ".MinBytes(" + value + ", " + minBytes.ToString(CultureInfo.InvariantCulture) + ", " + name + ");");
            }

            if (c.MaxBytes is { } maxBytes)
            {
                w.WriteLine(Validate + ".MaxBytes(" + value + ", " + maxBytes.ToString(CultureInfo.InvariantCulture) + ", " + name + ");");
            }

            if (c.Pattern is { } pattern)
            {
                w.WriteLine(Validate + ".Pattern(" + value + ", " + Literal(pattern) + ", " + name + ");");
            }
        }
        else if (isStringArray && (c.MinBytes is not null || c.MaxBytes is not null || c.Pattern is not null))
        {
            w.WriteLine(Validate + ".EachString(" + value + ", "
                + (c.MinBytes?.ToString(CultureInfo.InvariantCulture) ?? "0") + ", "
                + (c.MaxBytes?.ToString(CultureInfo.InvariantCulture) ?? "int.MaxValue") + ", "
                + (c.Pattern is null ? "null" : Literal(c.Pattern)) + ", " + name + ");");
        }

        if (c.Minimum is not null || c.Maximum is not null)
        {
            var min = NumberLiteral(c.Minimum ?? MinOf(field.Type), field.Type);
            var max = NumberLiteral(c.Maximum ?? MaxOf(field.Type), field.Type);
            var isDouble = min.EndsWith("d", System.StringComparison.Ordinal) || max.EndsWith("d", System.StringComparison.Ordinal);
            var cast = isDouble ? "(double?)" : "(long?)";
            if (isDouble)
            {
                min = min.EndsWith("L", System.StringComparison.Ordinal) ? min.TrimEnd('L') + "d" : min;
                max = max.EndsWith("L", System.StringComparison.Ordinal) ? max.TrimEnd('L') + "d" : max;
            }

            w.WriteLine(Validate + ".Range(" + cast + value + ", " + min + ", " + max + ", " + name + ");");
        }

        if (c.MinItems is { } minItems)
        {
            w.WriteLine(Validate + ".MinItems(" + value + ", " + minItems.ToString(CultureInfo.InvariantCulture) + ", " + name + ");");
        }

        if (c.MaxItems is { } maxItems)
        {
            w.WriteLine(Validate + ".MaxItems(" + value + ", " + maxItems.ToString(CultureInfo.InvariantCulture) + ", " + name + ");");
        }

        if (c.MaxPerVariant.Count > 0)
        {
            foreach (var limit in c.MaxPerVariant)
            {
                w.WriteLine(Validate + ".MaxPerVariant(" + value + ", " + Literal(limit.Value) + ", " + limit.Max.ToString(CultureInfo.InvariantCulture) + ", " + name + ", static item => item." + field.DiscriminatorMember + ");");
            }
        }

        if (c.MaxJsonBytes is { } maxJson)
        {
            w.OpenBlock("if (" + measureCondition + value + " is { } " + Local(field) + "Json)");
            w.WriteLine("var __size = " + Validate + ".StartJsonSize();");
            w.WriteLine("var writer = __size.Writer;");
            WriteValue(w, field.Type, Local(field) + "Json", 0);
            w.WriteLine(Validate + ".EndJsonSize(__size, " + maxJson.ToString(CultureInfo.InvariantCulture) + ", " + name + ");");
            w.CloseBlock();
        }
    }

    private static void EmitNestedValidation(SourceWriter w, FieldModel field, string value)
    {
        var type = field.Type;
        var name = Literal(field.WireName);
        if (type.Kind is TypeRefKind.Object or TypeRefKind.Union)
        {
            w.OpenBlock("if (" + value + " is { } " + Local(field) + ")");
            w.OpenBlock("try");
            w.WriteLine(Local(field) + ".Validate();");
            w.CloseBlock();
            w.OpenBlock("catch (" + ValidationException + " e)");
            w.WriteLine("throw e.WithParent(" + name + ");");
            w.CloseBlock();
            w.CloseBlock();
        }
        else if (type.Kind == TypeRefKind.Array && type.Element!.Kind is TypeRefKind.Object or TypeRefKind.Union)
        {
            w.OpenBlock("if (" + value + " is { } " + Local(field) + ")");
            w.OpenBlock("for (var i = 0; i < " + Local(field) + ".Count; i++)");
            w.WriteLine("var item = " + Local(field) + "[i];");
            w.OpenBlock("if (item is null)");
            w.WriteLine("throw new " + ValidationException + "(" + Validate + ".Item(" + name + ", i), \"required\", \"a list item must not be null.\");");
            w.CloseBlock();
            w.WriteLine();
            w.OpenBlock("try");
            w.WriteLine("item.Validate();");
            w.CloseBlock();
            w.OpenBlock("catch (" + ValidationException + " e)");
            w.WriteLine("throw e.WithParent(" + Validate + ".Item(" + name + ", i));");
            w.CloseBlock();
            w.CloseBlock();
            w.CloseBlock();
        }
    }
}
