using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ImCsGen.Im;
using ImCsGen.Validation;
using Xunit;

namespace ImCsGen.Emulator.Tests;

/// <summary>
/// Every constraint to which spec/ gives Tencent's error code (<c>constraints.errorCodes</c>), found by reading the
/// spec files themselves, is broken on top of the endpoint's documented request (spec/examples): the generated check
/// must throw <see cref="ImValidationException"/> with that rule and code, and the emulator must answer the code.
/// A field of a named type is reached through every request that carries the type. A new errorCodes entry is a new
/// case here, with no test code; a rule this test cannot break yet fails with a message saying so.
/// </summary>
public sealed class SpecConstraintCodeTests : IClassFixture<SpecConstraintCodeTests.EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public SpecConstraintCodeTests(EmulatorFixture fixture) => _fixture = fixture;

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var id in SpecCodeCatalog.Cases.Keys)
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Breaking_a_constraint_gets_the_specs_error_code_from_the_client_check_and_from_the_emulator(string id)
    {
        var c = SpecCodeCatalog.Cases[id];
        var codec = ImClientCodecs.ByPath[c.Path];

        // The documented request passes the generated checks, so the failure below is the broken rule's alone.
        var example = SpecCodeCatalog.ValidExample(c, codec);
        var body = SpecCodeCatalog.Break(example, c);
        var json = body.ToJsonString();

        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes);
        var request = codec.ReadRequest(ref reader);
        var error = Assert.Throws<ImValidationException>(() => request.Validate());
        Assert.Equal((c.RuntimeRule, (int?)c.Code), (error.Rule, error.ErrorCode));
        Assert.Contains(c.Route[^1], error.Field, StringComparison.Ordinal);

        using var answer = await _fixture.Emulator.RawAsync(c.Path, _fixture.Emulator.Query(), json);
        Assert.Equal(c.Code, answer.Code());
        Assert.Contains(c.Route[^1], answer.RootElement.GetProperty("ErrorInfo").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_stated_error_code_is_reached_through_some_request()
    {
        // A type's field is only tested through a request that carries the type; a code on a field no request
        // reaches (or a spec reading that found nothing) would otherwise pass unnoticed.
        Assert.NotEmpty(SpecCodeCatalog.Stated);
        var reached = new HashSet<string>(SpecCodeCatalog.Cases.Values.Select(c => c.Stated), StringComparer.Ordinal);
        var missed = SpecCodeCatalog.Stated.Where(s => !reached.Contains(s)).ToList();
        Assert.True(missed.Count == 0, "errorCodes that no request of spec/ reaches:\n  " + string.Join("\n  ", missed));

        // The 12 KB one-to-one limit with 93000 is the first code the spec stated: the reading must find it.
        Assert.Contains(SpecCodeCatalog.Cases.Values, c => c.Path == "openim/sendmsg" && c.Route.SequenceEqual(new[] { "MsgBody" }) && c.Code == 93000);
    }

    /// <summary>One emulator for all cases: the spec's body checks run before any handler, so no state is needed.</summary>
    public sealed class EmulatorFixture : IAsyncLifetime
    {
        internal TestEmulator Emulator { get; private set; } = null!;

        public async Task InitializeAsync()
            => Emulator = await TestEmulator.StartAsync(o => o.UseSpecRateLimits = false);

        public async Task DisposeAsync() => await Emulator.DisposeAsync();
    }
}

/// <summary>One constraint with a stated code, reached in one endpoint's request.</summary>
/// <param name="Path">The endpoint, e.g. <c>openim/sendmsg</c>.</param>
/// <param name="Route">Wire names from the request body to the field; <c>[]</c> steps into an array's first item.</param>
/// <param name="Key">The constraint's key in spec/ (minimum, maxItems, ...).</param>
/// <param name="Code">The code spec/ states for it.</param>
/// <param name="Field">The field's spec object.</param>
/// <param name="Stated">Where the code is stated (file, owner, field, key).</param>
internal sealed record SpecCodeCase(string Path, string[] Route, string Key, int Code, JsonElement Field, string Stated)
{
    public string Id => Path + " " + string.Join(".", Route) + " " + Key;

    /// <summary>The rule name the runtime reports: minimum and maximum are one rule to it.</summary>
    public string RuntimeRule => Key is "minimum" or "maximum" ? "range" : Key;
}

/// <summary>Reads spec/ and spec/examples from the repository the tests were built in.</summary>
internal static class SpecCodeCatalog
{
    private static readonly Lazy<(IReadOnlyDictionary<string, SpecCodeCase> Cases, IReadOnlyList<string> Stated, IReadOnlyDictionary<string, JsonElement> Types)> Lazy = new(Load);

    public static IReadOnlyDictionary<string, SpecCodeCase> Cases => Lazy.Value.Cases;

    public static IReadOnlyList<string> Stated => Lazy.Value.Stated;

    /// <summary>The fields of every object type of spec/, by type name.</summary>
    private static IReadOnlyDictionary<string, JsonElement> Types => Lazy.Value.Types;

    private static string SpecFolder { get; } = FindSpecFolder();

    /// <summary>
    /// A documented request of the case's endpoint that passes the generated checks, preferring one that already
    /// carries the case's field (an array to repeat an item of, an optional object to reach into).
    /// </summary>
    public static JsonObject ValidExample(SpecCodeCase c, ImCsGen.Serialization.ImEndpointCodec codec)
    {
        var file = Path.Combine(SpecFolder, "examples", c.Path.Replace('/', Path.DirectorySeparatorChar) + ".json");
        Assert.True(File.Exists(file), c.Path + ": an errorCodes case needs a documented request in spec/examples/" + c.Path + ".json");
        JsonObject? first = null;
        foreach (var example in JsonNode.Parse(File.ReadAllText(file))!["examples"]!.AsArray())
        {
            if (example?["request"] is not JsonObject request)
            {
                continue;
            }

            var bytes = Encoding.UTF8.GetBytes(request.ToJsonString());
            var reader = new Utf8JsonReader(bytes);
            try
            {
                codec.ReadRequest(ref reader).Validate();
            }
            catch (ImValidationException)
            {
                // An invalidOnPage example: not a base for breaking one rule.
                continue;
            }

            if (Carries(request, c.Route))
            {
                return (JsonObject)request.DeepClone();
            }

            first ??= request;
        }

        Assert.True(first is not null, c.Path + ": no documented request in spec/examples passes the generated checks");
        return (JsonObject)first!.DeepClone();
    }

    private static bool Carries(JsonNode? node, string[] route)
    {
        foreach (var step in route)
        {
            node = step == "[]"
                ? node is JsonArray { Count: > 0 } items ? items[0] : null
                : node is JsonObject obj && obj.TryGetPropertyValue(step, out var next) ? next : null;
            if (node is null or JsonArray { Count: 0 })
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A copy of <paramref name="request"/> whose field at the case's route breaks exactly the case's rule.</summary>
    public static JsonObject Break(JsonObject request, SpecCodeCase c)
    {
        var body = (JsonObject)request.DeepClone();
        JsonNode parent = body;
        for (var i = 0; i < c.Route.Length - 1; i++)
        {
            var step = c.Route[i];
            if (step == "[]")
            {
                var items = parent.AsArray();
                Assert.True(items.Count > 0 && items[0] is not null, c.Id + ": the documented request has no item to break at step " + i.ToString(CultureInfo.InvariantCulture));
                parent = items[0]!;
                continue;
            }

            var obj = parent.AsObject();
            if (!obj.TryGetPropertyValue(step, out var next) || next is null)
            {
                Assert.True(c.Route[i + 1] != "[]", c.Id + ": the documented request has no '" + step + "' items to break");
                next = new JsonObject();
                obj[step] = next;
            }

            parent = next;
        }

        var owner = parent.AsObject();
        owner.TryGetPropertyValue(c.Route[^1], out var current);
        owner[c.Route[^1]] = Breaker(c, current);
        return body;
    }

    private static JsonNode Breaker(SpecCodeCase c, JsonNode? current)
    {
        var limit = c.Field.GetProperty("constraints").GetProperty(c.Key);
        var type = c.Field.GetProperty("type").GetString()!;
        switch (c.Key)
        {
            case "maxItems":
                return Items(c, current, type, limit.GetInt32() + 1);
            case "minItems":
                return Items(c, current, type, limit.GetInt32() - 1);
            case "maxBytes":
                return Text(type, limit.GetInt32() + 1);
            case "minBytes":
                return Text(type, limit.GetInt32() - 1);
            case "maximum":
                return JsonValue.Create(limit.GetDecimal() + 1)!;
            case "minimum":
                return JsonValue.Create(limit.GetDecimal() - 1)!;
            case "maxJsonBytes" when type == "MsgBodyElement[]":
                // One text element whose text alone reaches the limit: the element's JSON is over it.
                return new JsonArray(new JsonObject
                {
                    ["MsgType"] = "TIMTextElem",
                    ["MsgContent"] = new JsonObject { ["Text"] = new string('x', limit.GetInt32()) },
                });
            default:
                Assert.Fail(c.Id + ": this test cannot break rule '" + c.Key + "' on a " + type + " yet; teach SpecCodeCatalog.Breaker how");
                return null!;
        }
    }

    private static JsonArray Items(SpecCodeCase c, JsonNode? current, string type, int count)
    {
        var template = current is JsonArray { Count: > 0 } documented ? documented[0] : null;
        var items = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            if (type == "string[]")
            {
                // Distinct short strings: a duplicate or an over-long item must not break another rule first.
                items.Add(JsonValue.Create("v" + i.ToString(CultureInfo.InvariantCulture)));
            }
            else
            {
                items.Add(template?.DeepClone() ?? Minimal(c, type.Substring(0, type.Length - 2)));
            }
        }

        return items;
    }

    /// <summary>An item of object type <paramref name="typeName"/> with its required fields only, for a request whose
    /// documented examples carry none to repeat.</summary>
    private static JsonObject Minimal(SpecCodeCase c, string typeName)
    {
        Assert.True(Types.TryGetValue(typeName, out var fields), c.Id + ": no documented item to repeat and '" + typeName + "' is not an object type of spec/");
        var item = new JsonObject();
        foreach (var field in fields.EnumerateArray())
        {
            if (!field.TryGetProperty("required", out var required) || !required.GetBoolean())
            {
                continue;
            }

            var name = field.GetProperty("name").GetString()!;
            item[name] = field.GetProperty("type").GetString() switch
            {
                "string" => JsonValue.Create("x"),
                "int32" or "int64" or "uint32" or "uint64" => JsonValue.Create(0),
                "bool" => JsonValue.Create(false),
                var other => throw new InvalidOperationException(c.Id + ": cannot make up a required '" + name + "' of type " + other + "; add a documented example that carries " + typeName),
            };
        }

        return item;
    }

    private static JsonNode Text(string type, int bytes)
    {
        var text = JsonValue.Create(new string('x', Math.Max(0, bytes)))!;
        return type == "string[]" ? new JsonArray(text) : text;
    }

    private static (IReadOnlyDictionary<string, SpecCodeCase> Cases, IReadOnlyList<string> Stated, IReadOnlyDictionary<string, JsonElement> Types) Load()
    {
        var types = new Dictionary<string, (string Owner, JsonElement Fields)>(StringComparer.Ordinal);
        var endpoints = new List<(string Owner, string Path, JsonElement Request)>();
        var stated = new List<string>();
        foreach (var file in Directory.GetFiles(SpecFolder, "*.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith("callbacks_", StringComparison.Ordinal) || name == "imspec.schema.json")
            {
                continue;
            }

            var root = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
            if (root.TryGetProperty("types", out var declared))
            {
                foreach (var t in declared.EnumerateObject())
                {
                    if (t.Value.TryGetProperty("fields", out var fields))
                    {
                        types[t.Name] = (name + " type " + t.Name, fields);
                        stated.AddRange(StatedCodes(name + " type " + t.Name, fields));
                    }
                }
            }

            if (root.TryGetProperty("endpoints", out var list))
            {
                foreach (var e in list.EnumerateArray())
                {
                    if (e.TryGetProperty("path", out var path) && e.TryGetProperty("request", out var request) && request.ValueKind == JsonValueKind.Array)
                    {
                        var owner = name + " " + path.GetString() + " request";
                        endpoints.Add((owner, path.GetString()!, request));
                        stated.AddRange(StatedCodes(owner, request));
                    }
                }
            }
        }

        var cases = new SortedDictionary<string, SpecCodeCase>(StringComparer.Ordinal);
        foreach (var (owner, path, request) in endpoints)
        {
            foreach (var c in Walk(path, owner, request, new List<string>(), types, new HashSet<string>(StringComparer.Ordinal)))
            {
                cases[c.Id] = c;
            }
        }

        return (cases, stated, types.ToDictionary(t => t.Key, t => t.Value.Fields, StringComparer.Ordinal));
    }

    /// <summary>The fields of one request (and of the types it carries), with every stated code on them.</summary>
    private static IEnumerable<SpecCodeCase> Walk(string path, string owner, JsonElement fields, List<string> prefix, Dictionary<string, (string Owner, JsonElement Fields)> types, HashSet<string> open)
    {
        foreach (var field in fields.EnumerateArray())
        {
            var name = field.GetProperty("name").GetString()!;
            var route = new List<string>(prefix) { name };
            if (field.TryGetProperty("constraints", out var constraints) && constraints.TryGetProperty("errorCodes", out var codes))
            {
                foreach (var code in codes.EnumerateObject())
                {
                    yield return new SpecCodeCase(path, route.ToArray(), code.Name, code.Value.GetProperty("code").GetInt32(), field, owner + "." + name + " " + code.Name);
                }
            }

            var type = field.GetProperty("type").GetString()!;
            var isArray = type.EndsWith("[]", StringComparison.Ordinal);
            var element = isArray ? type.Substring(0, type.Length - 2) : type;
            if (types.TryGetValue(element, out var nested) && open.Add(element))
            {
                if (isArray)
                {
                    route.Add("[]");
                }

                foreach (var c in Walk(path, nested.Owner, nested.Fields, route, types, open))
                {
                    yield return c;
                }

                open.Remove(element);
            }
        }
    }

    private static IEnumerable<string> StatedCodes(string owner, JsonElement fields)
    {
        foreach (var field in fields.EnumerateArray())
        {
            if (field.TryGetProperty("constraints", out var constraints) && constraints.TryGetProperty("errorCodes", out var codes))
            {
                foreach (var code in codes.EnumerateObject())
                {
                    yield return owner + "." + field.GetProperty("name").GetString() + " " + code.Name;
                }
            }
        }
    }

    private static string FindSpecFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var spec = Path.Combine(dir.FullName, "spec");
            if (File.Exists(Path.Combine(spec, "imspec.schema.json")))
            {
                return spec;
            }
        }

        throw new InvalidOperationException("spec/ not found above " + AppContext.BaseDirectory + ": this test reads the repository's spec files");
    }
}
