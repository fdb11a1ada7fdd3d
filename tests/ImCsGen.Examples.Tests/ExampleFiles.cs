using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ImCsGen.Examples.Tests;

/// <summary>
/// A request example that Tencent's own page shows with a value its own field table rules out (a placeholder
/// such as "联系人邮箱" for an e-mail field, a masked account). The file names the field (wire path) and the rule
/// the spec states, and says why; the test then requires validation to fail with exactly that field and rule,
/// so the example still checks the parser, the writer and the rule itself, and the spec is not bent to fit it.
/// </summary>
internal sealed record InvalidOnPage(string Field, string Rule, string Why);

/// <summary>One documented example: a request and/or a response body as Tencent's page shows them.</summary>
internal sealed record DocumentedExample(string Title, JsonElement? Request, JsonElement? Response, InvalidOnPage? InvalidOnPage = null);

/// <summary>One file of spec/examples: the endpoint (or TCCC action, or callback) and its examples.</summary>
internal sealed record ExampleFile(string RelativePath, string? Endpoint, string? Action, string? Callback, IReadOnlyList<DocumentedExample> Examples)
{
    /// <summary>An IM REST endpoint's examples (<c>"endpoint"</c>), checked through the generated codec table.</summary>
    public bool IsRestEndpoint => Endpoint is not null && !RelativePath.StartsWith("tccc/", StringComparison.Ordinal) && !RelativePath.StartsWith("callbacks/", StringComparison.Ordinal);

    /// <summary>A TCCC (Tencent Cloud API 3.0) action's examples (<c>"action"</c> in <c>tccc/</c>), checked through <see cref="CloudActionCodecs"/>.</summary>
    public bool IsCloudAction => Action is not null && RelativePath.StartsWith("tccc/", StringComparison.Ordinal);
}

/// <summary>Finds and reads the example files copied beside the test assembly (see the .csproj).</summary>
internal static class ExampleFiles
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "examples");

    /// <summary>Every example file, relative path with '/' separators, sorted ordinally.</summary>
    public static IReadOnlyList<string> RelativePaths()
        => Directory.Exists(Root)
            ? Directory.GetFiles(Root, "*.json", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'))
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToList()
            : Array.Empty<string>();

    public static ExampleFile Load(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(Root, relativePath));
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException(relativePath + ": the file must hold one JSON object");
        }

        var examples = new List<DocumentedExample>();
        if (root.TryGetProperty("examples", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var title = item.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "example " + index;
                examples.Add(new DocumentedExample(
                    title,
                    item.TryGetProperty("request", out var request) ? request.Clone() : null,
                    item.TryGetProperty("response", out var response) ? response.Clone() : null,
                    ReadInvalidOnPage(relativePath, title, item)));
                index++;
            }
        }

        return new ExampleFile(relativePath, Str(root, "endpoint"), Str(root, "action"), Str(root, "callback"), examples);
    }

    private static InvalidOnPage? ReadInvalidOnPage(string relativePath, string title, JsonElement item)
    {
        if (!item.TryGetProperty("invalidOnPage", out var value))
        {
            return null;
        }

        var isObject = value.ValueKind == JsonValueKind.Object;
        var field = isObject ? Str(value, "field") : null;
        var rule = isObject ? Str(value, "rule") : null;
        var why = isObject ? Str(value, "why") : null;
        if (string.IsNullOrEmpty(field) || string.IsNullOrEmpty(rule) || string.IsNullOrEmpty(why))
        {
            throw new InvalidDataException(relativePath + " ('" + title + "'): invalidOnPage needs \"field\", \"rule\" and \"why\"");
        }

        return new InvalidOnPage(field, rule, why);
    }

    private static string? Str(JsonElement root, string key)
        => root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
