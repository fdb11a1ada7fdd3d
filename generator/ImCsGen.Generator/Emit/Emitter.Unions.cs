using ImCsGen.Generator.Model;
using ImCsGen.Generator.Parsing;

namespace ImCsGen.Generator.Emit;

// Unions keyed by a discriminator: an abstract base class, one sealed class per variant, and an
// Unknown{Union} class that keeps a variant this spec does not know, so nothing Tencent adds is lost.
internal static partial class Emitter
{
    private static void EmitUnion(SourceWriter w, UnionTypeModel union)
    {
        var discriminator = Names.FromWireName(union.Discriminator);
        var unknown = "Unknown" + union.Name;
        w.WriteSummary(union.Description, "One of the <c>" + union.Name + "</c> variants, told apart by <c>" + union.Discriminator + "</c>.");
        w.OpenBlock("public abstract partial class " + union.Name);
        w.WriteLine("private static readonly " + EncodedText + " __discriminator = " + EncodedText + ".Encode(" + Literal(union.Discriminator) + ");");
        if (union.Content is not null)
        {
            w.WriteLine("private static readonly " + EncodedText + " __content = " + EncodedText + ".Encode(" + Literal(union.Content) + ");");
        }

        foreach (var variant in union.Variants)
        {
            w.WriteLine("internal static readonly " + EncodedText + " " + KindName(variant) + " = " + EncodedText + ".Encode(" + Literal(variant.Value) + ");");
        }

        w.WriteLine();
        w.WriteLine("// Only the generated variants derive from the union, so a reader always knows every case.");
        w.WriteLine("private protected " + union.Name + "()");
        w.WriteLine("{");
        w.WriteLine("}");
        w.WriteLine();
        w.WriteSummary(null, "The discriminator: the <c>" + union.Discriminator + "</c> value on the wire.");
        w.WriteLine("public abstract string " + discriminator + " { get; }");
        w.WriteLine();
        w.WriteSummary(null, "Writes the element with its discriminator.");
        w.WriteLine("public abstract void WriteJson(" + Writer + " writer);");
        w.WriteLine();
        w.WriteSummary(null, "Checks the spec's constraints; throws <see cref=\"" + ValidationException + "\"/> naming the field and the rule.");
        w.WriteLine("public abstract void Validate();");
        w.WriteLine();
        w.WriteLine("internal static " + EncodedText + " DiscriminatorName => __discriminator;");
        if (union.Content is not null)
        {
            w.WriteLine();
            w.WriteLine("internal static " + EncodedText + " ContentName => __content;");
        }

        w.WriteLine();
        w.WriteSummary(null, "Reads an element: finds the discriminator wherever it stands in the object, then reads the matching variant.");
        w.WriteLine(ReadJsonMember(union.Name, "ReadUnion"));
        w.WriteLine();
        w.OpenBlock("private static " + union.Name + " ReadUnion(ref " + Reader + " reader)");
        w.WriteLine(Json + ".ReadStartObject(ref reader, " + Literal(union.Name) + ");");
        w.WriteLine("// Look ahead on a copy of the reader: the discriminator may come after the content.");
        w.WriteLine("// Known kinds are matched on their UTF-8 bytes; only an unknown kind allocates its string.");
        w.WriteLine("var probe = reader;");
        w.WriteLine("var known = -1;");
        w.WriteLine("string? kind = null;");
        w.OpenBlock("while (" + Json + ".NextProperty(ref probe))");
        w.OpenBlock("if (probe.ValueTextEquals(__discriminator.EncodedUtf8Bytes))");
        w.WriteLine("probe.Read();");
        for (var i = 0; i < union.Variants.Count; i++)
        {
            w.WriteLine((i == 0 ? "if" : "else if") + " (probe.TokenType == global::System.Text.Json.JsonTokenType.String && probe.ValueTextEquals(" + KindName(union.Variants[i]) + ".EncodedUtf8Bytes))");
            w.WriteLine("{");
            w.WriteLine("    known = " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";");
            w.WriteLine("}");
        }

        w.OpenBlock(union.Variants.Count == 0 ? "if (true)" : "else");
        w.WriteLine("kind = " + Json + ".ReadString(ref probe, " + Literal(union.Discriminator) + ");");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("break;");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine(Json + ".SkipValue(ref probe);");
        w.CloseBlock();
        w.WriteLine();
        w.OpenBlock("if (known < 0 && kind is null)");
        w.WriteLine("throw new " + JsonException + "(" + Literal(union.Discriminator) + ", \"the discriminator is missing or null.\");");
        w.CloseBlock();
        w.WriteLine();
        if (union.Content is null)
        {
            w.OpenBlock("switch (known)");
            for (var i = 0; i < union.Variants.Count; i++)
            {
                w.WriteLine("case " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":");
                w.WriteLine("    return " + union.Variants[i].TypeName + ".ReadContent(ref reader);");
            }

            w.WriteLine("default:");
            w.WriteLine("    return new " + unknown + "(kind!, " + Json + ".ReadElement(ref reader));");
            w.CloseBlock();
        }
        else
        {
            w.WriteLine(union.Name + "? result = null;");
            w.OpenBlock("while (" + Json + ".NextProperty(ref reader))");
            w.OpenBlock("if (!reader.ValueTextEquals(__content.EncodedUtf8Bytes))");
            w.WriteLine(Json + ".SkipValue(ref reader);");
            w.WriteLine("continue;");
            w.CloseBlock();
            w.WriteLine();
            w.WriteLine("reader.Read();");
            w.OpenBlock("try");
            w.OpenBlock("result = known switch");
            for (var i = 0; i < union.Variants.Count; i++)
            {
                w.WriteLine(i.ToString(System.Globalization.CultureInfo.InvariantCulture) + " => " + union.Variants[i].TypeName + ".ReadContent(ref reader),");
            }

            w.WriteLine("_ => new " + unknown + "(kind!, " + Json + ".ReadElement(ref reader)),");
            w.CloseBlock(";");
            w.CloseBlock();
            w.OpenBlock("catch (" + JsonException + " e)");
            w.WriteLine("throw e.WithParent(" + Literal(union.Content) + ");");
            w.CloseBlock();
            w.CloseBlock();
            w.WriteLine();
            w.WriteLine("return result ?? throw new " + JsonException + "(" + Literal(union.Content) + ", \"the element has a " + union.Discriminator + " but no " + union.Content + ".\");");
        }

        w.CloseBlock();
        w.CloseBlock();
        w.WriteLine();
        EmitUnknownVariant(w, union, discriminator, unknown);
    }

    private static void EmitUnknownVariant(SourceWriter w, UnionTypeModel union, string discriminator, string unknown)
    {
        var holds = union.Content is null ? "the whole element" : "the <c>" + union.Content + "</c> value";
        w.WriteSummary(null, "A <c>" + union.Name + "</c> whose <c>" + union.Discriminator + "</c> this spec does not know; keeps " + holds + " as raw JSON and writes it back unchanged.");
        w.OpenBlock("public sealed partial class " + unknown + " : " + union.Name);
        w.WriteSummary(null, "Creates an element of an unknown kind.");
        w.OpenBlock("public " + unknown + "(string kind, global::System.Text.Json.JsonElement raw)");
        w.WriteLine(discriminator + " = kind ?? throw new global::System.ArgumentNullException(nameof(kind));");
        w.WriteLine("Raw = raw;");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("/// <inheritdoc />");
        w.WriteLine("public override string " + discriminator + " { get; }");
        w.WriteLine();
        w.WriteSummary(null, "The raw JSON: " + holds + ".");
        w.WriteLine("public global::System.Text.Json.JsonElement Raw { get; }");
        w.WriteLine();
        w.WriteLine("/// <inheritdoc />");
        w.OpenBlock("public override void WriteJson(" + Writer + " writer)");
        if (union.Content is null)
        {
            w.WriteLine("Raw.WriteTo(writer);");
        }
        else
        {
            w.WriteLine("writer.WriteStartObject();");
            w.WriteLine("writer.WriteString(DiscriminatorName, " + discriminator + ");");
            w.WriteLine("writer.WritePropertyName(ContentName);");
            w.WriteLine("Raw.WriteTo(writer);");
            w.WriteLine("writer.WriteEndObject();");
        }

        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("/// <inheritdoc />");
        w.OpenBlock("public override void Validate()");
        w.WriteLine("// Nothing is known about an unknown variant's rules; it is sent as received.");
        w.CloseBlock();
        w.CloseBlock();
    }

    private static void EmitVariantMembers(SourceWriter w, ObjectTypeModel type, UnionTypeModel union)
    {
        var discriminator = Names.FromWireName(union.Discriminator);
        w.WriteLine("/// <inheritdoc />");
        w.WriteLine("public override string " + discriminator + " => " + Literal(type.DiscriminatorValue!) + ";");
        w.WriteLine();
        w.WriteLine("/// <inheritdoc />");
        w.OpenBlock("public override void WriteJson(" + Writer + " writer)");
        w.WriteLine("writer.WriteStartObject();");
        w.WriteLine("writer.WriteString(DiscriminatorName, " + KindName(new UnionVariantModel(type.DiscriminatorValue!, type.Name)) + ");");
        if (union.Content is null)
        {
            w.WriteLine("WriteProperties(writer);");
        }
        else
        {
            w.WriteLine("writer.WritePropertyName(ContentName);");
            w.WriteLine("WriteContent(writer);");
        }

        w.WriteLine("writer.WriteEndObject();");
        w.CloseBlock();
        w.WriteLine();
        if (union.Content is not null)
        {
            w.WriteSummary(null, "Writes only the <c>" + union.Content + "</c> object.");
            w.OpenBlock("public void WriteContent(" + Writer + " writer)");
            w.WriteLine("writer.WriteStartObject();");
            w.WriteLine("WriteProperties(writer);");
            w.WriteLine("writer.WriteEndObject();");
            w.CloseBlock();
            w.WriteLine();
        }

        w.WriteSummary(null, "Reads the variant's own object" + (union.Content is null ? string.Empty : " (the <c>" + union.Content + "</c> value)") + ".");
        w.WriteLine("public static " + type.Name + " ReadContent(ref " + Reader + " reader) => ReadObject(ref reader);");
        w.WriteLine();
        w.WriteLine("/// <inheritdoc />");
        if (union.Content is null)
        {
            w.WriteLine("public override void Validate() => ValidateProperties();");
        }
        else
        {
            w.OpenBlock("public override void Validate()");
            w.OpenBlock("try");
            w.WriteLine("ValidateProperties();");
            w.CloseBlock();
            w.OpenBlock("catch (" + ValidationException + " e)");
            w.WriteLine("throw e.WithParent(" + Literal(union.Content) + ");");
            w.CloseBlock();
            w.CloseBlock();
        }
    }

    /// <summary>The pre-encoded discriminator value of a variant, declared on the union's base class.</summary>
    private static string KindName(UnionVariantModel variant) => "__kind_" + variant.TypeName;
}
