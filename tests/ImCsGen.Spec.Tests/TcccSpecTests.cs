using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace ImCsGen.Spec.Tests;

/// <summary>The TCCC module (spec/tccc*.json, Tencent Cloud API 3.0 family): schema, coverage and internal consistency.</summary>
public sealed class TcccSpecTests
{
    // Every action of the research list (tccc-actions.json): staff, status, skill groups, records, transcripts, metrics, login, transfer, buy info.
    private static readonly string[] ExpectedActions =
    {
        "CreateStaff", "ModifyStaff", "DeleteStaff", "DescribeStaffInfoList", "ModifyStaffPassword", "ForceMemberOffline", "RestoreMemberOnline",
        "SetStaffStatus", "DescribeStaffStatusHistory", "DescribeStaffStatusMetrics",
        "CreateCCCSkillGroup", "DescribeSkillGroupInfoList", "UpdateCCCSkillGroup", "DeleteCCCSkillGroup", "BindStaffSkillGroupList", "UnbindStaffSkillGroupList",
        "DescribeIMCdrs", "DescribeIMCdrList", "DescribeChatMessages", "DescribeCallInMetrics",
        "CreateSDKLoginToken", "CreateUserSig", "CreateAdminURL", "TransferToManual", "DescribeCCCBuyInfoList",
    };

    private static readonly string[] Primitives = { "string", "bool", "int32", "int64", "uint32", "double", "json" };

    private static IReadOnlyList<(string Name, JsonElement Root)> Files()
        => Directory.GetFiles(SpecFiles.Folder, "tccc*.json")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (Path.GetFileName(p), JsonDocument.Parse(File.ReadAllText(p)).RootElement))
            .ToList();

    private static IEnumerable<JsonElement> Actions() => Files().SelectMany(f => f.Root.GetProperty("endpoints").EnumerateArray());

    [Fact]
    public void Tccc_files_validate_against_the_schema_and_declare_the_ccc_api()
    {
        Assert.NotEmpty(Files());
        foreach (var (name, root) in Files())
        {
            var errors = new MiniSchemaValidator(SpecFiles.Schema).Validate(root);
            Assert.True(errors.Count == 0, name + ":\n" + string.Join("\n", errors));
            Assert.Equal("ImCsGen.Tccc", root.GetProperty("namespace").GetString());
            var api = root.GetProperty("api");
            Assert.Equal(("tencentCloud", "ccc", "2020-02-10", "ccc.tencentcloudapi.com"), (api.GetProperty("family").GetString(), api.GetProperty("service").GetString(), api.GetProperty("version").GetString(), api.GetProperty("host").GetString()));
        }
    }

    [Fact]
    public void Every_researched_action_is_specified_once_by_action_not_path()
    {
        var actions = Actions().Select(a => a.GetProperty("action").GetString()!).ToList();
        Assert.Equal(ExpectedActions.OrderBy(a => a, StringComparer.Ordinal), actions.OrderBy(a => a, StringComparer.Ordinal));
        Assert.All(Actions(), a => Assert.False(a.TryGetProperty("path", out _), a.GetProperty("name").GetString() + " has a path"));
        Assert.All(Actions(), a => Assert.True(a.TryGetProperty("rateLimit", out _), a.GetProperty("name").GetString() + " states no rate limit"));
    }

    [Fact]
    public void Every_referenced_type_is_declared_and_used()
    {
        var declared = Files().SelectMany(f => f.Root.GetProperty("types").EnumerateObject()).ToDictionary(t => t.Name, t => t.Value, StringComparer.Ordinal);
        var fields = Actions().SelectMany(a => new[] { "request", "response" }.SelectMany(k => a.TryGetProperty(k, out var l) ? l.EnumerateArray() : Enumerable.Empty<JsonElement>()))
            .Concat(declared.Values.SelectMany(t => t.GetProperty("fields").EnumerateArray()))
            .ToList();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var type = field.GetProperty("type").GetString()!.Replace("[]", string.Empty, StringComparison.Ordinal);
            Assert.True(Array.IndexOf(Primitives, type) >= 0 || declared.ContainsKey(type), field.GetProperty("name").GetString() + ": unknown type " + type);
            used.Add(type);
        }

        // PackageBuyInfo is in the SDK models but no researched action returns it; it is the one allowed orphan.
        var unused = declared.Keys.Where(k => !used.Contains(k) && k != "PackageBuyInfo").ToList();
        Assert.True(unused.Count == 0, "declared but never used: " + string.Join(", ", unused));
    }

    [Fact]
    public void Documented_limits_are_stated_as_constraints()
    {
        JsonElement Field(string action, string name)
            => Actions().Single(a => a.GetProperty("action").GetString() == action).GetProperty("request").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);

        Assert.Equal(100, Field("DescribeIMCdrs", "Limit").GetProperty("constraints").GetProperty("maximum").GetInt32());
        Assert.Equal(100, Field("DescribeChatMessages", "Limit").GetProperty("constraints").GetProperty("maximum").GetInt32());
        Assert.Equal(10, Field("CreateStaff", "Staffs").GetProperty("constraints").GetProperty("maxItems").GetInt32());
        Assert.Equal(9999, Field("DescribeStaffInfoList", "PageSize").GetProperty("constraints").GetProperty("maximum").GetInt32());
        Assert.Equal(100, Field("DescribeSkillGroupInfoList", "PageSize").GetProperty("constraints").GetProperty("maximum").GetInt32());
        Assert.Equal("SkillGroupId", Field("UpdateCCCSkillGroup", "SkillGroupID").GetProperty("csName").GetString());
    }

    [Fact]
    public void Every_tccc_example_names_a_specified_action_and_uses_its_wire_names()
    {
        var folder = Path.Combine(SpecFiles.Folder, "examples", "tccc");
        var files = Directory.GetFiles(folder, "*.json");
        Assert.NotEmpty(files);
        var byAction = Actions().ToDictionary(a => a.GetProperty("action").GetString()!, StringComparer.Ordinal);
        foreach (var path in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var action = doc.RootElement.GetProperty("action").GetString()!;
            Assert.Equal(Path.GetFileNameWithoutExtension(path), action);
            Assert.True(byAction.TryGetValue(action, out var spec), action + " is not in the spec");
            Assert.StartsWith("https://", doc.RootElement.GetProperty("source").GetString(), StringComparison.Ordinal);
            var requestNames = spec.GetProperty("request").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToHashSet(StringComparer.Ordinal);
            foreach (var example in doc.RootElement.GetProperty("examples").EnumerateArray())
            {
                if (example.TryGetProperty("request", out var request))
                {
                    foreach (var property in request.EnumerateObject())
                    {
                        Assert.True(requestNames.Contains(property.Name), action + " example sends " + property.Name + ", which the spec does not know");
                    }
                }

                if (example.TryGetProperty("response", out var response))
                {
                    Assert.True(response.TryGetProperty("Response", out var inner) && inner.TryGetProperty("RequestId", out _), action + ": a response example is Tencent's {\"Response\": {..., \"RequestId\"}} envelope");
                }
            }
        }
    }
}
