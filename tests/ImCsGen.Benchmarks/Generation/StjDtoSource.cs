using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ImCsGen.Benchmarks.Generation;

/// <summary>
/// Builds the input of System.Text.Json's generator for row 3: plain DTOs with the same types and properties
/// as everything our generator emits for the full spec (read back from our generated code, so the two
/// generators describe the same API), and one JsonSerializerContext listing every request and response.
/// </summary>
internal static class StjDtoSource
{
    public static (string Source, int Types, int Roots) Derive(IEnumerable<SyntaxTree> generated)
    {
        var types = generated.SelectMany(t => t.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
            .Where(t => t.Parent is BaseNamespaceDeclarationSyntax)
            .ToList();
        var names = new HashSet<string>(types.Select(t => t.Identifier.Text));
        var text = new StringBuilder("#nullable enable\nusing System.Text.Json;\nusing System.Text.Json.Serialization;\n\nnamespace ImCsGen.Im\n{\n");
        var roots = new List<string>();
        var count = 0;
        foreach (var type in types)
        {
            switch (type)
            {
                case EnumDeclarationSyntax e:
                    text.Append("    public enum ").Append(e.Identifier.Text).Append(" { ")
                        .Append(string.Join(", ", e.Members.Select(m => m.Identifier.Text + (m.EqualsValue is null ? "" : " = " + m.EqualsValue.Value.ToString()))))
                        .Append(" }\n");
                    count++;
                    break;
                case ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax:
                    var declaration = (TypeDeclarationSyntax)type;
                    if (declaration.Modifiers.Any(SyntaxKind.StaticKeyword) || declaration.Identifier.Text is "ImClient")
                    {
                        continue;
                    }

                    var isStruct = declaration is StructDeclarationSyntax || declaration.Keyword.IsKind(SyntaxKind.StructKeyword);
                    var baseName = declaration.BaseList?.Types.Select(b => b.Type.ToString().Replace("global::ImCsGen.Im.", "")).FirstOrDefault(n => names.Contains(n));
                    var isResponse = declaration.BaseList?.Types.Any(b => b.Type.ToString().EndsWith("ImResponse", System.StringComparison.Ordinal)) == true;
                    var isAbstract = declaration.Modifiers.Any(SyntaxKind.AbstractKeyword);
                    text.Append("    public ").Append(isAbstract ? "abstract " : "").Append(isStruct ? "struct " : "class ").Append(declaration.Identifier.Text);
                    if (baseName is not null)
                    {
                        text.Append(" : ").Append(baseName);
                    }
                    else if (isResponse)
                    {
                        text.Append(" : StjEnvelope");
                    }

                    text.Append("\n    {\n");
                    foreach (var property in declaration.Members.OfType<PropertyDeclarationSyntax>())
                    {
                        if (!property.Modifiers.Any(SyntaxKind.PublicKeyword) || property.Modifiers.Any(SyntaxKind.OverrideKeyword) || property.Modifiers.Any(SyntaxKind.StaticKeyword))
                        {
                            continue;
                        }

                        text.Append("        public ").Append(property.Type.ToString()).Append(' ').Append(property.Identifier.Text).Append(" { get; set; }\n");
                    }

                    text.Append("    }\n");
                    count++;
                    if (!isAbstract && (declaration.Identifier.Text.EndsWith("Request", System.StringComparison.Ordinal) || declaration.Identifier.Text.EndsWith("Response", System.StringComparison.Ordinal)))
                    {
                        roots.Add(declaration.Identifier.Text);
                    }

                    break;
            }
        }

        text.Append("    public class StjEnvelope\n    {\n        public string? ActionStatus { get; set; }\n        public int ErrorCode { get; set; }\n        public string? ErrorInfo { get; set; }\n        public string? ErrorDisplay { get; set; }\n        public string? RequestId { get; set; }\n    }\n\n");
        text.Append("    [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]\n");
        foreach (var root in roots)
        {
            text.Append("    [JsonSerializable(typeof(").Append(root).Append("))]\n");
        }

        text.Append("    public partial class StjImContext : JsonSerializerContext\n    {\n    }\n}\n");
        return (text.ToString(), count, roots.Count);
    }
}
