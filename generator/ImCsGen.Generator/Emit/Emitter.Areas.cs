using System.Linq;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Emit;

// One file per area: the area's enums, unions and objects, its endpoints' request and response classes,
// their ImEndpoint descriptions, and the group's sub-client with the flat client members that forward to it.
internal static partial class Emitter
{
    public static (string HintName, string Source) Emit(EmitUnit unit) => unit switch
    {
        AreaUnit area => (area.HintName, EmitArea(area)),
        ClientUnit client => (client.HintName, EmitClientFile(client)),
        _ => throw new System.ArgumentException("unknown unit " + unit.GetType().Name, nameof(unit)),
    };

    private static string EmitArea(AreaUnit area)
    {
        var w = StartFile(area.Namespace);
        var first = true;
        foreach (var e in area.Enums)
        {
            Separate(w, ref first);
            if (e.IsString)
            {
                EmitStringEnum(w, e);
            }
            else
            {
                EmitIntEnum(w, e);
            }
        }

        foreach (var u in area.Unions)
        {
            Separate(w, ref first);
            EmitUnion(w, u);
        }

        foreach (var o in area.Objects)
        {
            Separate(w, ref first);
            var union = o.UnionBase is null ? null : area.Unions.Concat(area.BaseUnions).FirstOrDefault(u => u.Name == o.UnionBase);
            EmitObject(w, o, union);
        }

        if (area.SubClient is { } sub && area.ClientName is { } client)
        {
            foreach (var endpoint in area.Endpoints)
            {
                Separate(w, ref first);
                EmitRequest(w, client, sub.ClassName, endpoint);
                w.WriteLine();
                EmitResponse(w, endpoint);
            }

            Separate(w, ref first);
            EmitEndpointTable(w, client, area.Endpoints);
            w.WriteLine();
            EmitSubClient(w, client, sub, area.Endpoints);
            w.WriteLine();
            EmitFlatMembers(w, client, sub, area.Endpoints);
        }

        return EndFile(w);
    }
}
