using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace ImCsGen.Spec.Tests;

/// <summary>Invariants across all built-in spec files: the module they form must be complete and unambiguous.</summary>
public sealed class SpecStructureTests
{
    private static readonly string[] Primitives = { "string", "bool", "int32", "int64", "uint32", "double", "json" };

    [Fact]
    public void Every_spec_file_is_the_shared_types_a_callbacks_file_or_the_one_file_of_an_endpoint_group()
    {
        var problems = new List<string>();
        foreach (var file in SpecFiles.All)
        {
            var stem = file.Name.Substring(0, file.Name.Length - ".json".Length);
            var hasEndpoints = file.Endpoints.Any();
            var hasCallbacks = file.Root.TryGetProperty("callbacks", out _);
            if (file.Name == "message_types.json")
            {
                if (hasEndpoints || hasCallbacks)
                {
                    problems.Add(file.Name + " holds the shared types only");
                }
            }
            else if (stem.StartsWith("callbacks_", StringComparison.Ordinal))
            {
                if (hasEndpoints || !hasCallbacks)
                {
                    problems.Add(file.Name + " must hold callbacks and no endpoints");
                }
            }
            else if (!hasEndpoints || hasCallbacks)
            {
                problems.Add(file.Name + " must hold the endpoints of group '" + stem + "' and no callbacks");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_file_starts_with_the_schema_and_declares_the_built_in_namespace()
    {
        foreach (var file in SpecFiles.All)
        {
            var first = file.Root.EnumerateObject().First();
            Assert.True(first.Name == "$schema" && first.Value.GetString() == "./imspec.schema.json", file.Name + " must start with \"$schema\": \"./imspec.schema.json\"");
            Assert.Equal("ImCsGen.Im", file.Root.GetProperty("namespace").GetString());
            var hasEndpoints = file.Endpoints.Any();
            var client = file.Root.TryGetProperty("client", out var c) ? c.GetString() : null;
            Assert.True(hasEndpoints ? client == "ImClient" : client is null, file.Name + ": client must be ImClient exactly when the file has endpoints");
        }
    }

    [Fact]
    public void There_are_at_least_150_endpoints_each_in_the_file_of_its_group()
    {
        // Issue 11: every documented IM REST endpoint; Tencent's server-API list had more than 150 at the time.
        var count = SpecFiles.Endpoints.Count();
        Assert.True(count >= 150, "the spec describes " + count + " endpoints; Tencent documents at least 150");
        var misplaced = SpecFiles.Endpoints
            .Where(e => e.File.Name != e.Endpoint.GetProperty("group").GetString() + ".json")
            .Select(e => e.File.Name + ": " + e.Endpoint.GetProperty("name").GetString() + " has group " + e.Endpoint.GetProperty("group").GetString())
            .ToList();
        Assert.True(misplaced.Count == 0, "endpoints outside the file of their group:\n" + string.Join("\n", misplaced));
    }

    [Fact]
    public void Endpoint_names_and_paths_are_unique()
    {
        AssertUnique(SpecFiles.Endpoints.Select(e => e.Endpoint.GetProperty("name").GetString()!), "endpoint name");
        AssertUnique(SpecFiles.Endpoints.Select(e => e.Endpoint.GetProperty("path").GetString()!), "endpoint path");
    }

    [Fact]
    public void Type_names_are_unique_and_do_not_collide_with_generated_names()
    {
        AssertUnique(SpecFiles.Types.Select(t => t.Name), "type name");
        var generated = new HashSet<string>(StringComparer.Ordinal) { "ImClient", "IImClient", "ImClientEndpoints" };
        foreach (var (_, endpoint) in SpecFiles.Endpoints)
        {
            var name = endpoint.GetProperty("name").GetString()!;
            generated.Add(name + "Request");
            generated.Add(name + "Response");
        }

        foreach (var (_, name, type) in SpecFiles.Types.Where(t => Kind(t.Type) == "union"))
        {
            generated.Add("Unknown" + name);
        }

        var clashes = SpecFiles.Types.Select(t => t.Name).Where(generated.Contains).ToList();
        Assert.True(clashes.Count == 0, "types named like generated classes: " + string.Join(", ", clashes));
    }

    [Fact]
    public void Every_referenced_type_is_declared_and_union_variants_are_objects()
    {
        var types = SpecFiles.Types.ToDictionary(t => t.Name, t => t.Type, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var field in SpecFiles.Fields)
        {
            var element = ElementType(field.Type);
            if (Array.IndexOf(Primitives, element) < 0 && !types.ContainsKey(element))
            {
                problems.Add(field.Where + ": unknown type " + field.Type);
            }
        }

        foreach (var (file, name, union) in SpecFiles.Types.Where(t => Kind(t.Type) == "union"))
        {
            foreach (var variant in union.GetProperty("variants").EnumerateArray())
            {
                var target = variant.GetProperty("type").GetString()!;
                if (!types.TryGetValue(target, out var declared) || Kind(declared) != "object")
                {
                    problems.Add(file.Name + ": variant " + target + " of " + name + " is not a declared object type");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_declared_type_is_used_and_lives_in_the_file_that_uses_it_or_in_message_types()
    {
        var declaredIn = SpecFiles.Types.ToDictionary(t => t.Name, t => t.File.Name, StringComparer.Ordinal);
        var usedFrom = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Use(string type, string file)
        {
            if (!usedFrom.TryGetValue(type, out var set))
            {
                usedFrom[type] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(file);
        }

        foreach (var field in SpecFiles.Fields)
        {
            Use(ElementType(field.Type), field.File);
        }

        foreach (var (file, _, union) in SpecFiles.Types.Where(t => Kind(t.Type) == "union"))
        {
            foreach (var variant in union.GetProperty("variants").EnumerateArray())
            {
                Use(variant.GetProperty("type").GetString()!, file.Name);
            }
        }

        var problems = new List<string>();
        foreach (var (type, file) in declaredIn)
        {
            if (!usedFrom.TryGetValue(type, out var users))
            {
                problems.Add(type + " (" + file + ") is never used");
            }
            else if (file != "message_types.json" && users.Any(u => u != file))
            {
                problems.Add(type + " is declared in " + file + " but used from " + string.Join(", ", users.Where(u => u != file)) + ": move it to message_types.json");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Field_wire_names_and_csharp_names_are_unique_within_their_class()
    {
        var problems = new List<string>();
        foreach (var group in SpecFiles.Fields.GroupBy(f => f.File + "/" + f.Owner))
        {
            foreach (var duplicate in group.GroupBy(f => f.Name).Where(g => g.Count() > 1))
            {
                problems.Add(group.Key + ": wire name " + duplicate.Key + " twice");
            }

            foreach (var duplicate in group.GroupBy(f => f.Str("csName") ?? CsName(f.Name)).Where(g => g.Count() > 1))
            {
                problems.Add(group.Key + ": C# name " + duplicate.Key + " twice");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Responses_do_not_list_the_envelope()
    {
        var envelope = new[] { "ActionStatus", "ErrorCode", "ErrorInfo", "ErrorDisplay", "RequestId" };
        var listed = SpecFiles.Fields.Where(f => f.Place == FieldPlace.Response && envelope.Contains(f.Name)).Select(f => f.Where).ToList();
        Assert.True(listed.Count == 0, "envelope fields listed: " + string.Join(", ", listed));
    }

    [Fact]
    public void Enum_members_and_values_are_unique()
    {
        foreach (var (file, name, type) in SpecFiles.Types.Where(t => Kind(t.Type) == "enum"))
        {
            var values = type.GetProperty("values").EnumerateArray().ToList();
            AssertUnique(values.Select(v => v.GetProperty("name").GetString()!), file.Name + " " + name + " member");
            AssertUnique(values.Select(v => v.GetProperty("value").GetRawText()), file.Name + " " + name + " value");
        }
    }

    internal static string ElementType(string spelling)
    {
        while (spelling.EndsWith("[]", StringComparison.Ordinal))
        {
            spelling = spelling.Substring(0, spelling.Length - 2);
        }

        return spelling;
    }

    private static string Kind(JsonElement type) => type.GetProperty("kind").GetString()!;

    // Same rule as spec/README.md: drop '_' and upper-case the letter after it and the first letter.
    private static string CsName(string wire) =>
        string.Concat(wire.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));

    private static void AssertUnique(IEnumerable<string> values, string what)
    {
        var duplicates = values.GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "duplicate " + what + ": " + string.Join(", ", duplicates));
    }
}
