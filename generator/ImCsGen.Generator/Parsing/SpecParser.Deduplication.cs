using System;
using System.Collections.Generic;
using ImCsGen.Generator.Diagnostics;
using ImCsGen.Generator.Helpers;
using ImCsGen.Generator.Json;
using ImCsGen.Generator.Model;

namespace ImCsGen.Generator.Parsing;

// The endpoint's "deduplication" entry: Tencent's documented de-duplication rule, stated once in the spec
// and read from there by the runtime (keys per logical call) and the emulator (what it stores).
internal sealed partial class SpecParser
{
    private static readonly string[] DeduplicationKeys = { "keys", "contentChecksum", "contentField", "windowSeconds", "scope", "serverFillsMissing", "clientSets", "source", "pageDate", "description" };

    private DeduplicationSyntax? ParseDeduplication(JsonObjectNode endpoint, string what)
    {
        var property = endpoint.Find("deduplication");
        if (property is null || !ExpectObject(property.Value, "deduplication", out var obj))
        {
            return null;
        }

        var where = "the deduplication rule of " + what;
        CheckKeys(obj, DeduplicationKeys, where);
        var keys = StringList(obj, "keys", required: true, where);
        var checksum = OptionalString(obj, "contentChecksum", out var checksumLocation);
        var crc32 = false;
        if (checksum is not null)
        {
            if (string.Equals(checksum, "crc32", StringComparison.Ordinal))
            {
                crc32 = true;
            }
            else if (!string.Equals(checksum, "none", StringComparison.Ordinal))
            {
                Report(SpecDiagnostics.WrongValueKind, checksumLocation, "contentChecksum", "'crc32' or 'none'");
            }
        }

        var contentField = OptionalString(obj, "contentField", out _);
        if (crc32 && contentField is null)
        {
            Report(SpecDiagnostics.MissingProperty, obj.Location, where, "contentField");
        }

        var window = OptionalInteger(obj, "windowSeconds", 1, 31_536_000);
        var scopeText = OptionalString(obj, "scope", out var scopeLocation) ?? "recipient";
        var conversation = string.Equals(scopeText, "conversation", StringComparison.Ordinal);
        if (!conversation && !string.Equals(scopeText, "recipient", StringComparison.Ordinal))
        {
            Report(SpecDiagnostics.WrongValueKind, scopeLocation, "scope", "'recipient' or 'conversation'");
        }

        var serverFills = StringList(obj, "serverFillsMissing", required: false, where);
        var clientSets = StringList(obj, "clientSets", required: false, where);
        var source = RequiredString(obj, "source", where, out var sourceLocation);
        if (source is not null && !source.StartsWith("https://", StringComparison.Ordinal))
        {
            Report(SpecDiagnostics.WrongValueKind, sourceLocation, "source", "an https:// link to the Tencent page that documents the rule");
            source = null;
        }

        var pageDate = OptionalString(obj, "pageDate", out _);
        var description = OptionalString(obj, "description", out _);
        if (keys is null || source is null)
        {
            return null;
        }

        return new DeduplicationSyntax(obj.Location, keys.Value, crc32, contentField, window is null ? null : (int)window.Value, conversation,
            serverFills ?? EquatableArray<string>.Empty, clientSets ?? EquatableArray<string>.Empty, source, pageDate, description);
    }

    private EquatableArray<string>? StringList(JsonObjectNode obj, string key, bool required, string what)
    {
        var property = obj.Find(key);
        if (property is null)
        {
            if (required)
            {
                Report(SpecDiagnostics.MissingProperty, obj.Location, what, key);
            }

            return null;
        }

        if (!ExpectArray(property.Value, key, out var array))
        {
            return null;
        }

        var items = new List<string>();
        foreach (var item in array.Items)
        {
            if (item is JsonScalarNode { Kind: JsonKind.String } scalar && scalar.Text.Length > 0)
            {
                items.Add(scalar.Text);
            }
            else
            {
                Report(SpecDiagnostics.WrongValueKind, item.Location, key + "[]", "a non-empty string (a request field's wire name)");
            }
        }

        if (required && items.Count == 0)
        {
            Report(SpecDiagnostics.EmptyValue, property.Value.Location, key);
            return null;
        }

        return items.ToEquatableArray();
    }
}
