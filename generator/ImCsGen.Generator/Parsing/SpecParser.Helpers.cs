using System;
using System.Collections.Generic;
using System.Globalization;
using ImCsGen.Generator.Diagnostics;
using ImCsGen.Generator.Json;
using ImCsGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace ImCsGen.Generator.Parsing;

// Typed access to the JSON tree; each helper reports at the offending value and returns null on a mismatch.
internal sealed partial class SpecParser
{
    private void Report(DiagnosticDescriptor descriptor, SpecLocation location, params string[] arguments)
        => _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

    private bool ExpectObject(JsonNode node, string what, out JsonObjectNode obj)
    {
        if (node is JsonObjectNode o)
        {
            obj = o;
            return true;
        }

        Report(SpecDiagnostics.WrongValueKind, node.Location, what, "an object, found " + JsonNode.Describe(node.Kind));
        obj = null!;
        return false;
    }

    private bool ExpectArray(JsonNode node, string what, out JsonArrayNode array)
    {
        if (node is JsonArrayNode a)
        {
            array = a;
            return true;
        }

        Report(SpecDiagnostics.WrongValueKind, node.Location, what, "an array, found " + JsonNode.Describe(node.Kind));
        array = null!;
        return false;
    }

    private void CheckKeys(JsonObjectNode obj, string[] allowed, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in obj.Properties)
        {
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                Report(SpecDiagnostics.UnknownProperty, property.NameLocation, property.Name, what, string.Join(", ", allowed));
            }
            else if (!seen.Add(property.Name))
            {
                Report(SpecDiagnostics.DuplicateName, property.NameLocation, "Property", property.Name, " in " + what);
            }
        }
    }

    private string? RequiredString(JsonObjectNode obj, string key, string what, out SpecLocation location)
    {
        var property = obj.Find(key);
        if (property is null)
        {
            Report(SpecDiagnostics.MissingProperty, obj.Location, what, key);
            location = obj.Location;
            return null;
        }

        return StringValue(property, out location);
    }

    private string? OptionalString(JsonObjectNode obj, string key, out SpecLocation location)
    {
        var property = obj.Find(key);
        if (property is null)
        {
            location = obj.Location;
            return null;
        }

        return StringValue(property, out location);
    }

    private string? StringValue(JsonProperty property, out SpecLocation location)
    {
        location = property.Value.Location;
        if (property.Value is JsonScalarNode { Kind: JsonKind.String } scalar)
        {
            return scalar.Text;
        }

        Report(SpecDiagnostics.WrongValueKind, property.Value.Location, property.Name, "a string, found " + JsonNode.Describe(property.Value.Kind));
        return null;
    }

    private bool? OptionalBoolean(JsonObjectNode obj, string key)
    {
        var property = obj.Find(key);
        if (property is null)
        {
            return null;
        }

        switch (property.Value.Kind)
        {
            case JsonKind.True:
                return true;
            case JsonKind.False:
                return false;
            default:
                Report(SpecDiagnostics.WrongValueKind, property.Value.Location, key, "true or false, found " + JsonNode.Describe(property.Value.Kind));
                return null;
        }
    }

    private double? OptionalNumber(JsonObjectNode obj, string key)
    {
        var property = obj.Find(key);
        if (property is null)
        {
            return null;
        }

        if (property.Value is JsonScalarNode { Kind: JsonKind.Number } scalar
            && double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Report(SpecDiagnostics.WrongValueKind, property.Value.Location, key, "a number, found " + JsonNode.Describe(property.Value.Kind));
        return null;
    }

    private long? OptionalInteger(JsonObjectNode obj, string key, long min, long max)
    {
        var property = obj.Find(key);
        if (property is null)
        {
            return null;
        }

        if (property.Value is JsonScalarNode { Kind: JsonKind.Number } scalar
            && long.TryParse(scalar.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
        {
            return value;
        }

        Report(SpecDiagnostics.WrongValueKind, property.Value.Location, key,
            "an integer from " + min.ToString(CultureInfo.InvariantCulture) + " to " + max.ToString(CultureInfo.InvariantCulture));
        return null;
    }
}
