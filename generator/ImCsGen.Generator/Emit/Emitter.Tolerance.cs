using System.Collections.Generic;
using System.Linq;
using ImCsGen.Generator.Helpers;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Emit;

// Reading is tolerant, writing is strict. "required" in the spec governs what we send (the C# 'required'
// modifier and Validate()); an object type read from Tencent's JSON (a history page, a profile, a message
// element written by an old SDK) does not fail as a whole because one required field is absent. Its reader
// lists the absent fields in MissingRequiredFields instead: their properties keep the type's default (null
// for references although the C# type says non-null), so callers check IsComplete before relying on them.
// Requests and responses themselves stay strict: their top-level shape is ours or the endpoint's contract.
internal static partial class Emitter
{
    private static void EmitCompletenessMembers(SourceWriter w, EquatableArray<FieldModel> fields)
    {
        if (!fields.Any(f => f.Required))
        {
            return;
        }

        w.WriteSummary(null, "Wire names of required fields that were absent (or null) when this object was read; empty for a complete object and for one built in code.");
        w.WriteRemarks("Reading is tolerant: an element Tencent stored from an older SDK (e.g. a sound element with <c>UUID</c> and no <c>Url</c>) is read, not rejected. The listed properties keep their default value (null although the C# type is non-nullable) until set; <c>Validate()</c> rejects the object before it is sent.");
        w.WriteLine("public global::System.Collections.Generic.IReadOnlyList<string> MissingRequiredFields { get; private set; } = global::System.Array.Empty<string>();");
        w.WriteLine();
        w.WriteSummary(null, "Whether every required field was present when this object was read (always true for an object built in code).");
        w.WriteLine("public bool IsComplete => MissingRequiredFields.Count == 0;");
        w.WriteLine();
    }

    private static void EmitMissingFieldList(SourceWriter w, List<FieldModel> required)
    {
        w.WriteLine();
        w.WriteLine("global::System.Collections.Generic.List<string>? __missing = null;");
        foreach (var field in required)
        {
            w.OpenBlock("if (!seen" + field.CsName + ")");
            w.WriteLine("(__missing ??= new global::System.Collections.Generic.List<string>()).Add(" + Literal(field.WireName) + ");");
            w.CloseBlock();
        }

        w.OpenBlock("if (__missing is not null)");
        w.WriteLine("value.MissingRequiredFields = __missing;");
        w.CloseBlock();
    }
}
