using System;
using Microsoft.CodeAnalysis.CSharp;

namespace ImCsGen.Generator.Parsing;

/// <summary>The naming rules of the spec format (see spec/README.md).</summary>
internal static class Names
{
    public const string TypeNameRule = "start with an upper-case ASCII letter, then letters and digits only";
    public const string IdentifierRule = "a C# identifier (ASCII letters, digits, '_'; not starting with a digit; not a keyword)";

    private static readonly string[] Primitives = { "string", "bool", "int32", "int64", "uint32", "double", "json" };

    public static string PrimitiveList => string.Join(", ", Primitives);

    public static bool IsPrimitive(string name) => Array.IndexOf(Primitives, name) >= 0;

    public static bool IsTypeName(string name)
    {
        if (name.Length == 0 || name[0] < 'A' || name[0] > 'Z')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || (name[0] >= '0' && name[0] <= '9'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        // Contextual keywords (value, required, ...) are valid property names; reserved keywords are not.
        return SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;
    }

    public static bool IsNamespace(string name)
    {
        foreach (var part in name.Split('.'))
        {
            if (!IsIdentifier(part))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsEndpointPath(string path)
    {
        var slash = path.IndexOf('/');
        if (slash <= 0 || slash == path.Length - 1 || path.IndexOf('/', slash + 1) >= 0)
        {
            return false;
        }

        foreach (var c in path)
        {
            if (!IsAsciiLetterOrDigit(c) && c != '_' && c != '/')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A type spelling: a primitive or a type name, followed by any number of "[]".</summary>
    public static bool IsTypeSpelling(string spelling)
    {
        var element = spelling;
        while (element.EndsWith("[]", StringComparison.Ordinal))
        {
            element = element.Substring(0, element.Length - 2);
        }

        return IsPrimitive(element) || IsTypeName(element) || IsQualifiedTypeName(element);
    }

    /// <summary>
    /// A type of another namespace, e.g. <c>ImCsGen.Im.MsgBodyElement</c>: a namespace, then a type name.
    /// It is resolved against the compilation's referenced types (a built-in type from the runtime assembly).
    /// </summary>
    public static bool IsQualifiedTypeName(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && IsNamespace(name.Substring(0, dot)) && IsTypeName(name.Substring(dot + 1));
    }

    /// <summary><c>From_Account</c> becomes <c>FromAccount</c>; <c>key</c> becomes <c>Key</c>.</summary>
    public static string FromWireName(string wireName)
    {
        var builder = new System.Text.StringBuilder(wireName.Length);
        var upperNext = true;
        foreach (var c in wireName)
        {
            if (c == '_' || c == '-' || c == '.' || c == ' ')
            {
                upperNext = true;
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        return builder.ToString();
    }

    private static bool IsAsciiLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
