using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ImCsGen.Spec.Tests;

/// <summary>One parsed spec file.</summary>
internal sealed record SpecFile(string Name, string Text, JsonElement Root)
{
    public IEnumerable<JsonElement> Endpoints => Root.TryGetProperty("endpoints", out var e) ? e.EnumerateArray() : Enumerable.Empty<JsonElement>();

    public IEnumerable<JsonProperty> Types => Root.TryGetProperty("types", out var t) ? t.EnumerateObject() : Enumerable.Empty<JsonProperty>();
}

/// <summary>A field with where it sits: in an endpoint's request or response, or in a named object type.</summary>
internal sealed record SpecField(string File, string Owner, FieldPlace Place, JsonElement Element)
{
    public string Name => Element.GetProperty("name").GetString()!;

    public string Type => Element.GetProperty("type").GetString()!;

    public string? Str(string key) => Element.TryGetProperty(key, out var v) ? v.GetString() : null;

    public bool Required => Element.TryGetProperty("required", out var v) && v.GetBoolean();

    public string Where => File + ": " + Owner + "." + Name;
}

internal enum FieldPlace
{
    Request,
    Response,
    ObjectType,
}

/// <summary>Loads the built-in spec files copied beside the test assembly (see the .csproj).</summary>
internal static class SpecFiles
{
    public const string SchemaFileName = "imspec.schema.json";

    private static readonly Lazy<IReadOnlyList<SpecFile>> LazyAll = new(Load);

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "spec");

    public static IReadOnlyList<SpecFile> All => LazyAll.Value;

    public static JsonElement Schema { get; } = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, SchemaFileName))).RootElement;

    public static IEnumerable<(SpecFile File, JsonElement Endpoint)> Endpoints =>
        All.SelectMany(f => f.Endpoints.Select(e => (f, e)));

    public static IEnumerable<(SpecFile File, string Name, JsonElement Type)> Types =>
        All.SelectMany(f => f.Types.Select(t => (f, t.Name, t.Value)));

    public static IEnumerable<SpecField> Fields
    {
        get
        {
            foreach (var (file, endpoint) in Endpoints)
            {
                var name = endpoint.GetProperty("name").GetString()!;
                foreach (var (key, place) in new[] { ("request", FieldPlace.Request), ("response", FieldPlace.Response) })
                {
                    if (endpoint.TryGetProperty(key, out var list))
                    {
                        foreach (var item in list.EnumerateArray())
                        {
                            yield return new SpecField(file.Name, name + (place == FieldPlace.Request ? "Request" : "Response"), place, item);
                        }
                    }
                }
            }

            // Callbacks (spec/callbacks_*.json): payload and reply classes are plain objects (a payload may carry its own ErrorCode/ErrorInfo).
            foreach (var file in All)
            {
                if (!file.Root.TryGetProperty("callbacks", out var callbacks))
                {
                    continue;
                }

                foreach (var callback in callbacks.EnumerateArray())
                {
                    var name = callback.GetProperty("name").GetString()!;
                    foreach (var (key, place, suffix) in new[] { ("payload", FieldPlace.ObjectType, string.Empty), ("reply", FieldPlace.ObjectType, "Reply") })
                    {
                        if (callback.TryGetProperty(key, out var list))
                        {
                            foreach (var item in list.EnumerateArray())
                            {
                                yield return new SpecField(file.Name, name + suffix, place, item);
                            }
                        }
                    }
                }
            }

            foreach (var (file, name, type) in Types)
            {
                if (type.TryGetProperty("fields", out var list))
                {
                    foreach (var item in list.EnumerateArray())
                    {
                        yield return new SpecField(file.Name, name, FieldPlace.ObjectType, item);
                    }
                }
            }
        }
    }

    private static IReadOnlyList<SpecFile> Load()
    {
        return Directory.GetFiles(Folder, "*.json")
            .Where(p => !string.Equals(Path.GetFileName(p), SchemaFileName, StringComparison.Ordinal))
            // TCCC's files (spec/tccc*.json) are the Tencent Cloud API module ImCsGen.Tccc, checked by TcccSpecTests.
            .Where(p => !Path.GetFileName(p).StartsWith("tccc", StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p =>
            {
                var text = File.ReadAllText(p);
                return new SpecFile(Path.GetFileName(p), text, JsonDocument.Parse(text).RootElement);
            })
            .ToList();
    }
}
