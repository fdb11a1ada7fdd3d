using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ImCsGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports about spec files. IDs are stable; each has a page under
/// docs/diagnostics/. All are errors: a spec the generator cannot trust must stop the build.
/// </summary>
internal static class SpecDiagnostics
{
    private const string Category = "ImCsGen.Spec";
    private const string HelpBase = "https://github.com/imcsgen/imcsgen/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor InvalidJson = Create("IMSPEC001", "Spec file is not valid JSON", "The spec file is not valid JSON: {0}");
    public static readonly DiagnosticDescriptor WrongValueKind = Create("IMSPEC002", "Spec value has the wrong JSON type", "'{0}' must be {1}");
    public static readonly DiagnosticDescriptor MissingProperty = Create("IMSPEC003", "Required spec property is missing", "{0} is missing the required property '{1}'");
    public static readonly DiagnosticDescriptor UnknownProperty = Create("IMSPEC004", "Unknown spec property", "'{0}' is not a known property of {1}; expected one of: {2}");
    public static readonly DiagnosticDescriptor InvalidName = Create("IMSPEC005", "Invalid name", "'{0}' is not a valid {1}: {2}");
    public static readonly DiagnosticDescriptor InvalidPath = Create("IMSPEC006", "Invalid endpoint path", "Endpoint path '{0}' must be 'service/command' (letters, digits and '_' on each side of one '/')");
    public static readonly DiagnosticDescriptor DuplicateName = Create("IMSPEC007", "Duplicate name", "{0} '{1}' is declared more than once{2}");
    public static readonly DiagnosticDescriptor UnknownType = Create("IMSPEC008", "Unknown type", "Type '{0}' is neither a built-in type ({1}) nor a type declared in namespace '{2}'");
    public static readonly DiagnosticDescriptor InvalidTypeSpelling = Create("IMSPEC009", "Invalid type spelling", "'{0}' is not a valid type: write a built-in type, a declared type name, or either followed by '[]'");
    public static readonly DiagnosticDescriptor InvalidConstraint = Create("IMSPEC010", "Invalid constraint", "Constraint '{0}' on field '{1}' is invalid: {2}");
    public static readonly DiagnosticDescriptor InvalidEnum = Create("IMSPEC011", "Invalid enum", "Enum '{0}' is invalid: {1}");
    public static readonly DiagnosticDescriptor InvalidUnion = Create("IMSPEC012", "Invalid union", "Union '{0}' is invalid: {1}");
    public static readonly DiagnosticDescriptor ConflictingClient = Create("IMSPEC013", "Conflicting client names", "Namespace '{0}' names its client both '{1}' and '{2}'; all files of a namespace must agree");
    public static readonly DiagnosticDescriptor InvalidRoleOrKind = Create("IMSPEC014", "Invalid role or kind", "Field '{0}' cannot have {1} '{2}': {3}");
    public static readonly DiagnosticDescriptor InvalidDefault = Create("IMSPEC015", "Invalid default value", "Default value of field '{0}' does not fit its type '{1}': {2}");
    public static readonly DiagnosticDescriptor DuplicatePath = Create("IMSPEC016", "Duplicate endpoint path", "Endpoint path '{0}' is used by both '{1}' and '{2}'");
    public static readonly DiagnosticDescriptor InvalidNamespace = Create("IMSPEC017", "Invalid namespace", "'{0}' is not a valid C# namespace");
    public static readonly DiagnosticDescriptor MissingClient = Create("IMSPEC018", "Client name missing", "The file declares endpoints but no 'client' name, and no other file of namespace '{0}' names one");
    public static readonly DiagnosticDescriptor ReservedName = Create("IMSPEC019", "Name collides with a generated member", "'{0}' in {1} collides with {2}; set 'csName' to another name");
    public static readonly DiagnosticDescriptor InternalError = Create("IMSPEC020", "The generator failed", "The ImCsGen generator failed on this spec: {0}. Please report it with the spec file.");
    public static readonly DiagnosticDescriptor EmptyValue = Create("IMSPEC021", "Empty value", "'{0}' must not be empty");
    public static readonly DiagnosticDescriptor ReservedNamespace = Create("IMSPEC022", "Reserved namespace", "Namespace '{0}' is reserved for the built-in IM API that ships precompiled in ImCsGen; use your own namespace so generated types never clash with it");

    public static readonly DiagnosticDescriptor InvalidCallback = Create("IMSPEC030", "Invalid callback", "Callback '{0}' is invalid: {1}");

    private static readonly Dictionary<string, DiagnosticDescriptor> All = Index(
        InvalidJson, WrongValueKind, MissingProperty, UnknownProperty, InvalidName, InvalidPath, DuplicateName, UnknownType,
        InvalidTypeSpelling, InvalidConstraint, InvalidEnum, InvalidUnion, ConflictingClient, InvalidRoleOrKind, InvalidDefault,
        DuplicatePath, InvalidNamespace, MissingClient, ReservedName, InternalError, EmptyValue, ReservedNamespace,
        InvalidCallback);

    /// <summary>All descriptors, for tests that check each has a doc page.</summary>
    public static IEnumerable<DiagnosticDescriptor> Descriptors => All.Values;

    public static DiagnosticDescriptor ById(string id) => All[id];

    private static DiagnosticDescriptor Create(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id + ".md");

    private static Dictionary<string, DiagnosticDescriptor> Index(params DiagnosticDescriptor[] descriptors)
    {
        var map = new Dictionary<string, DiagnosticDescriptor>(System.StringComparer.Ordinal);
        foreach (var d in descriptors)
        {
            map.Add(d.Id, d);
        }

        return map;
    }
}
