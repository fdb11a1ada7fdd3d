using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Emit;

// Integer enums become C# enums (an unknown number read from Tencent is kept as its value); string
// enums become readonly structs with a static property per known value, so new values are kept too.
internal static partial class Emitter
{
    private static void EmitIntEnum(SourceWriter w, EnumTypeModel type)
    {
        w.WriteSummary(type.Description, "The <c>" + type.Name + "</c> values.");
        w.OpenBlock("public enum " + type.Name);
        foreach (var member in type.Members)
        {
            w.WriteSummary(member.Description, member.Name + " (" + member.Value + ").");
            w.WriteLine(member.Name + " = " + member.Value + ",");
            w.WriteLine();
        }

        w.CloseBlock();
    }

    private static void EmitStringEnum(SourceWriter w, EnumTypeModel type)
    {
        var name = type.Name;
        w.WriteSummary(type.Description, "The <c>" + name + "</c> values.");
        w.OpenBlock("public readonly partial struct " + name + " : global::System.IEquatable<" + name + ">");
        w.WriteLine("private readonly string? _value;");
        w.WriteLine();
        w.WriteSummary(null, "Creates a value from its wire text; text this spec does not list is kept as is.");
        w.OpenBlock("public " + name + "(string value)");
        w.WriteLine("_value = value ?? throw new global::System.ArgumentNullException(nameof(value));");
        w.CloseBlock();
        w.WriteLine();
        foreach (var member in type.Members)
        {
            w.WriteSummary(member.Description, "<c>" + member.Value + "</c>.");
            w.WriteLine("public static " + name + " " + member.Name + " { get; } = new " + name + "(" + Literal(member.Value) + ");");
            w.WriteLine();
        }

        w.WriteSummary(null, "The wire text.");
        w.WriteLine("public string Value => _value ?? string.Empty;");
        w.WriteLine();
        w.WriteLine("/// <inheritdoc />");
        w.WriteLine("public bool Equals(" + name + " other) => string.Equals(Value, other.Value, global::System.StringComparison.Ordinal);");
        w.WriteLine();
        w.WriteLine("/// <inheritdoc />");
        w.WriteLine("public override bool Equals(object? obj) => obj is " + name + " other && Equals(other);");
        w.WriteLine();
        w.WriteLine("/// <inheritdoc />");
        w.WriteLine("public override int GetHashCode() => global::System.StringComparer.Ordinal.GetHashCode(Value);");
        w.WriteLine();
        w.WriteLine("/// <inheritdoc />");
        w.WriteLine("public override string ToString() => Value;");
        w.WriteLine();
        w.WriteSummary(null, "Compares two values by their wire text.");
        w.WriteLine("public static bool operator ==(" + name + " left, " + name + " right) => left.Equals(right);");
        w.WriteLine();
        w.WriteSummary(null, "Compares two values by their wire text.");
        w.WriteLine("public static bool operator !=(" + name + " left, " + name + " right) => !left.Equals(right);");
        w.CloseBlock();
    }
}
