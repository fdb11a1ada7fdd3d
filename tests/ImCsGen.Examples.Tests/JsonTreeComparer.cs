using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace ImCsGen.Examples.Tests;

/// <summary>
/// Compares the documented JSON with what the generated code wrote back. Every key of the documented
/// tree must be present with an equal value (numbers by value: 1 and 1.0 are equal); keys the code adds
/// (a default it always sends, the envelope's ErrorInfo) are allowed. A documented <c>null</c> may be
/// written back as an absent key, which means the same to Tencent.
/// </summary>
internal static class JsonTreeComparer
{
    public static void Compare(JsonElement documented, JsonElement written, string path, List<string> problems)
    {
        if (documented.ValueKind == JsonValueKind.Object)
        {
            if (written.ValueKind != JsonValueKind.Object)
            {
                problems.Add(path + ": documented an object, written " + written.ValueKind);
                return;
            }

            var writtenProperties = written.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
            foreach (var property in documented.EnumerateObject())
            {
                var childPath = path.Length == 0 ? property.Name : path + "." + property.Name;
                if (!writtenProperties.TryGetValue(property.Name, out var value))
                {
                    if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        problems.Add(childPath + ": key lost (the generated type does not declare it)");
                    }

                    continue;
                }

                Compare(property.Value, value, childPath, problems);
            }

            return;
        }

        if (documented.ValueKind == JsonValueKind.Array)
        {
            if (written.ValueKind != JsonValueKind.Array)
            {
                problems.Add(path + ": documented an array, written " + written.ValueKind);
                return;
            }

            var a = documented.EnumerateArray().ToList();
            var b = written.EnumerateArray().ToList();
            if (a.Count != b.Count)
            {
                problems.Add(path + ": documented " + a.Count + " items, written " + b.Count);
                return;
            }

            for (var i = 0; i < a.Count; i++)
            {
                Compare(a[i], b[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", problems);
            }

            return;
        }

        if (!ScalarEquals(documented, written))
        {
            problems.Add(path + ": documented " + documented.GetRawText() + ", written " + written.GetRawText());
        }
    }

    private static bool ScalarEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number)
        {
            if (a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y))
            {
                return x == y;
            }

            return a.GetDouble().Equals(b.GetDouble());
        }

        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        return a.ValueKind switch
        {
            JsonValueKind.String => string.Equals(a.GetString(), b.GetString(), StringComparison.Ordinal),
            _ => true, // true, false, null: equal kinds are equal values
        };
    }
}
