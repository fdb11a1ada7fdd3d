using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ImCsGen.Examples.Tests;

/// <summary>One documented example: a request and/or a response body as Tencent's page shows them.</summary>
internal sealed record DocumentedExample(string Title, JsonElement? Request, JsonElement? Response);

/// <summary>One file of spec/examples: the endpoint (or TCCC action, or callback) and its examples.</summary>
internal sealed record ExampleFile(string RelativePath, string? Endpoint, string? Action, string? Callback, IReadOnlyList<DocumentedExample> Examples)
{
    /// <summary>TCCC actions and callbacks have their own registries (added by other areas): this test covers REST endpoints.</summary>
    public bool IsRestEndpoint => Endpoint is not null && !RelativePath.StartsWith("tccc/", StringComparison.Ordinal) && !RelativePath.StartsWith("callbacks/", StringComparison.Ordinal);
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
                    item.TryGetProperty("response", out var response) ? response.Clone() : null));
                index++;
            }
        }

        return new ExampleFile(relativePath, Str(root, "endpoint"), Str(root, "action"), Str(root, "callback"), examples);
    }

    private static string? Str(JsonElement root, string key)
        => root.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
