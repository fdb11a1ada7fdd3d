using System;
using ImCsGen.Generator.Diagnostics;
using ImCsGen.Generator.Json;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Parsing;

// The endpoint's "quota" entry: a documented count of items per window (openim/batchsendmsg: 12,000
// messages a minute, a call to 500 recipients counting 500), which the runtime's second limiter enforces.
internal sealed partial class SpecParser
{
    private static readonly string[] QuotaKeys = { "permits", "perSeconds", "countField", "source", "description" };

    private QuotaSyntax? ParseQuota(JsonObjectNode endpoint, string what)
    {
        var property = endpoint.Find("quota");
        if (property is null || !ExpectObject(property.Value, "quota", out var obj))
        {
            return null;
        }

        var where = "the quota of " + what;
        CheckKeys(obj, QuotaKeys, where);
        var permits = OptionalInteger(obj, "permits", 1, 100_000_000);
        var perSeconds = OptionalInteger(obj, "perSeconds", 1, 86_400);
        if (permits is null)
        {
            Report(SpecDiagnostics.MissingProperty, obj.Location, where, "permits");
        }

        if (perSeconds is null)
        {
            Report(SpecDiagnostics.MissingProperty, obj.Location, where, "perSeconds");
        }

        var countField = RequiredString(obj, "countField", where, out _);
        var source = RequiredString(obj, "source", where, out var sourceLocation);
        if (source is not null && !source.StartsWith("https://", StringComparison.Ordinal))
        {
            Report(SpecDiagnostics.WrongValueKind, sourceLocation, "source", "an https:// link to the Tencent page that documents the quota");
            source = null;
        }

        OptionalString(obj, "description", out _);
        if (permits is null || perSeconds is null || countField is null || source is null)
        {
            return null;
        }

        return new QuotaSyntax(obj.Location, (int)permits.Value, (int)perSeconds.Value, countField, source);
    }
}
