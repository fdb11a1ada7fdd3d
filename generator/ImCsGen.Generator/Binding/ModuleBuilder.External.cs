using ImCsGen.Generator.Diagnostics;
using ImCsGen.Generator.Helpers;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Binding;

// Qualified type references: a consumer spec refers to a built-in type (ImCsGen.Im.MsgBodyElement) that
// ships precompiled in the runtime assembly. The facts were looked up in the compilation beforehand
// (ExternalTypes.Lookup); here they only become type references, or IMSPEC040 at the JSON location.
internal sealed partial class ModuleBuilder
{
    private EquatableArray<ExternalTypeFact> _externals;

    private TypeRefModel? ResolveQualified(string spelling, SpecLocation location)
    {
        var dot = spelling.LastIndexOf('.');
        var ns = spelling.Substring(0, dot);
        if (ns == _namespace)
        {
            // The module's own types are generated in this same run, so they are not in the compilation yet.
            return Resolve(spelling.Substring(dot + 1), location);
        }

        var kind = ExternalTypeKind.Missing;
        foreach (var fact in _externals)
        {
            if (fact.QualifiedName == spelling)
            {
                kind = fact.Kind;
                break;
            }
        }

        switch (kind)
        {
            case ExternalTypeKind.Object: return new TypeRefModel(TypeRefKind.Object, "global::" + spelling, null);
            case ExternalTypeKind.Union: return new TypeRefModel(TypeRefKind.Union, "global::" + spelling, null);
            case ExternalTypeKind.IntEnum: return new TypeRefModel(TypeRefKind.IntEnum, "global::" + spelling, null);
            case ExternalTypeKind.StringEnum: return new TypeRefModel(TypeRefKind.StringEnum, "global::" + spelling, null);
            case ExternalTypeKind.NotGenerated:
                Report(SpecDiagnostics.UnknownExternalType, location, spelling, "exists but is not a type ImCsGen generated from a spec (it lacks ReadJson, WriteJson or Validate)");
                return null;
            default:
                Report(SpecDiagnostics.UnknownExternalType, location, spelling, "was not found among the public types of the compilation and its references");
                return null;
        }
    }
}
