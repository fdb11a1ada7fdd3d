using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using ImCsGen.Generator.Helpers;
using ImCsGen.Generator.Model;
using ImCsGen.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace ImCsGen.Generator.Binding;

/// <summary>
/// Qualified type references (<c>ImCsGen.Im.MsgBodyElement[]</c>) in spec files, and their resolution
/// against the compilation's referenced types. Two cheap steps: the names come from the parsed files
/// (cached per file); the lookup runs per compilation but only calls GetTypeByMetadataName for those
/// names and returns equatable facts, so ordinary C# edits never re-run the module build.
/// </summary>
internal static class ExternalTypes
{
    /// <summary>The qualified type names (array suffixes removed) that one spec file refers to, sorted ordinally.</summary>
    public static EquatableArray<string> Referenced(ParsedSpecFile parsed)
    {
        if (parsed.File is not { } file)
        {
            return EquatableArray<string>.Empty;
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in file.Types)
        {
            Add(names, type.Fields);
        }

        foreach (var endpoint in file.Endpoints)
        {
            Add(names, endpoint.Request);
            Add(names, endpoint.Response);
        }

        return names.Count == 0 ? EquatableArray<string>.Empty : names.ToEquatableArray();
    }

    /// <summary>All files' names, merged and sorted.</summary>
    public static EquatableArray<string> Merge(ImmutableArray<EquatableArray<string>> perFile)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var list in perFile)
        {
            names.UnionWith(list);
        }

        return names.Count == 0 ? EquatableArray<string>.Empty : names.ToEquatableArray();
    }

    /// <summary>Looks each name up in the compilation; the result holds no symbol.</summary>
    public static EquatableArray<ExternalTypeFact> Lookup(EquatableArray<string> names, Compilation compilation, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return EquatableArray<ExternalTypeFact>.Empty;
        }

        var facts = new List<ExternalTypeFact>(names.Count);
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var symbol = compilation.GetTypeByMetadataName(name);
            var kind = symbol is null || !compilation.IsSymbolAccessibleWithin(symbol, compilation.Assembly)
                ? ExternalTypeKind.Missing
                : Classify(symbol);
            facts.Add(new ExternalTypeFact(name, kind));
        }

        return facts.ToEquatableArray();
    }

    // The shapes the emitter produces (see Emitter.Values): enums are C# enums over int; string enums are
    // structs with a string Value and a string constructor; objects and unions have a static ReadJson.
    private static ExternalTypeKind Classify(INamedTypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Enum)
        {
            return type.EnumUnderlyingType?.SpecialType == SpecialType.System_Int32 ? ExternalTypeKind.IntEnum : ExternalTypeKind.NotGenerated;
        }

        if (type.TypeKind == TypeKind.Struct)
        {
            var hasValue = type.GetMembers("Value").OfType<IPropertySymbol>().Any(p => p.Type.SpecialType == SpecialType.System_String);
            var hasConstructor = type.InstanceConstructors.Any(c => c.Parameters.Length == 1 && c.Parameters[0].Type.SpecialType == SpecialType.System_String);
            return hasValue && hasConstructor ? ExternalTypeKind.StringEnum : ExternalTypeKind.NotGenerated;
        }

        if (type.TypeKind != TypeKind.Class)
        {
            return ExternalTypeKind.NotGenerated;
        }

        var reads = type.GetMembers("ReadJson").OfType<IMethodSymbol>().Any(m => m.IsStatic && m.Parameters.Length == 1 && m.Parameters[0].RefKind == RefKind.Ref);
        var writes = type.GetMembers("WriteJson").OfType<IMethodSymbol>().Any(m => !m.IsStatic && m.Parameters.Length == 1);
        var validates = type.GetMembers("Validate").OfType<IMethodSymbol>().Any(m => !m.IsStatic && m.Parameters.Length == 0);
        if (!reads || !writes || !validates)
        {
            return ExternalTypeKind.NotGenerated;
        }

        return type.IsAbstract ? ExternalTypeKind.Union : ExternalTypeKind.Object;
    }

    private static void Add(SortedSet<string> names, EquatableArray<FieldSyntax> fields)
    {
        foreach (var field in fields)
        {
            var element = field.TypeSpelling;
            while (element.EndsWith("[]", StringComparison.Ordinal))
            {
                element = element.Substring(0, element.Length - 2);
            }

            if (Names.IsQualifiedTypeName(element))
            {
                names.Add(element);
            }
        }
    }
}
