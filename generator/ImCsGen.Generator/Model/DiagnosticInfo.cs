using ImCsGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace ImCsGen.Generator.Model;

/// <summary>An equatable record of a diagnostic to report: the descriptor's ID, its message arguments and where.</summary>
internal sealed record DiagnosticInfo(string Id, EquatableArray<string> Arguments, SpecLocation? Location)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SpecLocation? location, params string[] arguments)
        => new(descriptor.Id, new EquatableArray<string>(arguments), location);

    public Diagnostic ToDiagnostic()
    {
        var descriptor = Diagnostics.SpecDiagnostics.ById(Id);
        var args = new object[Arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Arguments[i];
        }

        return Diagnostic.Create(descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, args);
    }
}
