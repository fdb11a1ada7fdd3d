using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using ImCsGen.Im;
using ImCsGen.Tccc;
using ImCsGen.Serialization;
using Xunit;
using Xunit.Abstractions;

namespace ImCsGen.Examples.Tests;

/// <summary>
/// Every documented example of spec/examples, checked against the generated types: IM REST endpoints through the
/// codec table the generator emits (<see cref="ImClientCodecs.ByPath"/>), TCCC actions through the generated cloud
/// actions (<see cref="CloudActionCodecs.ByAction"/>). The request parses, validates and writes back with no key
/// lost or changed; the response parses and writes back with no key dropped. A request the page itself shows with
/// a value its field table rules out is marked <c>invalidOnPage</c> and must fail validation on exactly that field
/// and rule. A new endpoint or action is covered by adding its example file: there is no per-endpoint code here.
/// </summary>
public class DocumentedExampleTests
{
    private readonly ITestOutputHelper _output;

    public DocumentedExampleTests(ITestOutputHelper output) => _output = output;

    /// <summary>The codec tables of the modules this test knows (one per generated client with REST endpoints).</summary>
    private static IReadOnlyList<IReadOnlyDictionary<string, ImEndpointCodec>> Registries { get; } = new[] { ImClientCodecs.ByPath };

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var path in ExampleFiles.RelativePaths())
        {
            data.Add(path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Documented_examples_round_trip_through_the_generated_types(string file)
    {
        var examples = ExampleFiles.Load(file);
        if (examples.IsCloudAction)
        {
            CheckCloudAction(file, examples);
            return;
        }

        if (!examples.IsRestEndpoint)
        {
            // xunit 2 cannot skip a theory case at run time; say why nothing was checked.
            Assert.True(file.StartsWith("callbacks/", StringComparison.Ordinal), file + ": an example file names an \"endpoint\" (IM REST) or, under tccc/, an \"action\"");
            _output.WriteLine("not checked: " + file + " is a callback example; its registry is not part of this test yet");
            return;
        }

        var codec = Find(examples.Endpoint!);
        Assert.True(codec is not null, file + ": endpoint '" + examples.Endpoint + "' is not an endpoint of the spec (no generated codec for that path)");
        Assert.True(examples.Examples.Count > 0, file + ": the file has no examples");

        var problems = new List<string>();
        foreach (var example in examples.Examples)
        {
            if (example.Request is { } request)
            {
                CheckRequest(
                    utf8 =>
                    {
                        var reader = new Utf8JsonReader(utf8);
                        var read = codec!.ReadRequest(ref reader);
                        return (read.Validate, read.WriteJson);
                    },
                    request,
                    example,
                    problems);
            }

            if (example.Response is { } response)
            {
                CheckResponse(
                    utf8 =>
                    {
                        var reader = new Utf8JsonReader(utf8);
                        var read = codec!.ReadResponse(ref reader);
                        return writer => codec.WriteResponse(read, writer);
                    },
                    response,
                    example.Title,
                    problems);
            }
        }

        Assert.True(problems.Count == 0, file + " (" + examples.Endpoint + "):\n  " + string.Join("\n  ", problems));
    }

    /// <summary>A TCCC action's examples: the request body as documented, the response inside <c>{"Response": ...}</c>.</summary>
    private static void CheckCloudAction(string file, ExampleFile examples)
    {
        Assert.True(CloudActionCodecs.ByAction.TryGetValue(examples.Action!, out var codec), file + ": action '" + examples.Action + "' is not an action of the spec (no generated request type carries it)");
        Assert.True(examples.Examples.Count > 0, file + ": the file has no examples");

        var problems = new List<string>();
        foreach (var example in examples.Examples)
        {
            if (example.Request is { } request)
            {
                CheckRequest(
                    utf8 =>
                    {
                        var read = codec!.ReadRequest(utf8);
                        return (read.Validate, read.WriteJson);
                    },
                    request,
                    example,
                    problems);
            }

            if (example.Response is { } response)
            {
                if (response.ValueKind != JsonValueKind.Object || !response.TryGetProperty("Response", out var inner))
                {
                    problems.Add("'" + example.Title + "' response: a Tencent Cloud API answer is {\"Response\": {...}}");
                    continue;
                }

                CheckResponse(
                    utf8 =>
                    {
                        var read = codec!.ReadResponse(utf8);
                        return writer => codec.WriteResponse(read, writer);
                    },
                    inner,
                    example.Title,
                    problems);
            }
        }

        Assert.True(problems.Count == 0, file + " (" + examples.Action + "):\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void Coverage_is_reported_and_every_endpoint_file_names_a_distinct_endpoint()
    {
        var files = ExampleFiles.RelativePaths().Select(ExampleFiles.Load).ToList();
        Assert.NotEmpty(files);
        var rest = files.Where(f => f.IsRestEndpoint).ToList();
        var duplicates = rest.GroupBy(f => f.Endpoint, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => g.Key + ": " + string.Join(", ", g.Select(f => f.RelativePath))).ToList();
        Assert.True(duplicates.Count == 0, "endpoints with more than one example file:\n" + string.Join("\n", duplicates));

        var covered = new HashSet<string>(rest.Select(f => f.Endpoint!), StringComparer.Ordinal);
        var endpoints = Registries.SelectMany(r => r.Keys).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var missing = endpoints.Where(p => !covered.Contains(p)).ToList();
        var requests = rest.Sum(f => f.Examples.Count(e => e.Request is not null));
        var responses = rest.Sum(f => f.Examples.Count(e => e.Response is not null));
        var cloud = files.Where(f => f.IsCloudAction).ToList();
        var cloudDuplicates = cloud.GroupBy(f => f.Action, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(cloudDuplicates.Count == 0, "TCCC actions with more than one example file: " + string.Join(", ", cloudDuplicates));
        var cloudCovered = new HashSet<string>(cloud.Select(f => f.Action!), StringComparer.Ordinal);
        var cloudMissing = CloudActionCodecs.ByAction.Keys.Where(a => !cloudCovered.Contains(a)).OrderBy(a => a, StringComparer.Ordinal).ToList();
        var invalidOnPage = files.Sum(f => f.Examples.Count(e => e.InvalidOnPage is not null));
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"example files: {files.Count} ({rest.Count} REST endpoints, {cloud.Count} TCCC actions, {files.Count - rest.Count - cloud.Count} callback files not checked here)"));
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"REST examples: {rest.Sum(f => f.Examples.Count)} ({requests} requests, {responses} responses)"));
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"TCCC examples: {cloud.Sum(f => f.Examples.Count)} ({cloud.Sum(f => f.Examples.Count(e => e.Request is not null))} requests, {cloud.Sum(f => f.Examples.Count(e => e.Response is not null))} responses)"));
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests the page shows with a value its own field table rules out (invalidOnPage): {invalidOnPage}"));
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"endpoints in the spec: {endpoints.Count}; without an example file: {missing.Count}"));
        foreach (var path in missing)
        {
            _output.WriteLine("  no examples: " + path);
        }

        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"TCCC actions in the spec: {CloudActionCodecs.ByAction.Count}; without an example file: {cloudMissing.Count}"));
        foreach (var action in cloudMissing)
        {
            _output.WriteLine("  no examples: " + action);
        }
    }

    [Fact]
    public void Every_generated_TCCC_action_is_found_with_its_request_and_response_types()
    {
        // Guards the discovery itself: if it found nothing, every TCCC file would fail with "not an action", but a
        // partial discovery (a renamed client interface) must not silently shrink the set either.
        var declared = TcccClientActions.All.Select(a => a.Name).OrderBy(a => a, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(declared);
        Assert.Equal(declared, CloudActionCodecs.ByAction.Keys.OrderBy(a => a, StringComparer.Ordinal).ToList());
        foreach (var codec in CloudActionCodecs.ByAction.Values)
        {
            Assert.Equal(codec.Action + "Request", codec.RequestType.Name);
            Assert.Equal(codec.Action + "Response", codec.ResponseType.Name);
        }
    }

    [Fact]
    public void A_request_marked_invalid_on_the_page_must_fail_on_the_named_field_and_rule()
    {
        // The marker is not a free pass: a request it names that validates, or fails elsewhere, is reported.
        var codec = CloudActionCodecs.ByAction["CreateStaff"];
        var valid = JsonDocument.Parse("{\"SdkAppId\":1400000000,\"Staffs\":[{\"Name\":\"a\",\"Mail\":\"a@example.com\",\"StaffNumber\":\"1\"}]}").RootElement.Clone();
        var placeholder = JsonDocument.Parse("{\"SdkAppId\":1400000000,\"Staffs\":[{\"Name\":\"a\",\"Mail\":\"联系人邮箱\",\"StaffNumber\":\"1\"}]}").RootElement.Clone();
        var marker = new InvalidOnPage("Staffs[0].Mail", "pattern", "placeholder");
        Func<byte[], (Action, Action<Utf8JsonWriter>)> read = utf8 =>
        {
            var request = codec.ReadRequest(utf8);
            return (request.Validate, request.WriteJson);
        };

        var problems = new List<string>();
        CheckRequest(read, placeholder, new DocumentedExample("placeholder", placeholder, null, marker), problems);
        Assert.Empty(problems);

        CheckRequest(read, valid, new DocumentedExample("valid but marked", valid, null, marker), problems);
        Assert.Single(problems);
        Assert.Contains("validates", problems[0], StringComparison.Ordinal);

        problems.Clear();
        CheckRequest(read, placeholder, new DocumentedExample("wrong field", placeholder, null, marker with { Field = "Staffs[0].Name" }), problems);
        Assert.Single(problems);

        problems.Clear();
        CheckRequest(read, placeholder, new DocumentedExample("unmarked placeholder", placeholder, null), problems);
        Assert.Single(problems);
        Assert.Contains("does not validate", problems[0], StringComparison.Ordinal);
    }

    private static ImEndpointCodec? Find(string path)
    {
        foreach (var registry in Registries)
        {
            if (registry.TryGetValue(path, out var codec))
            {
                return codec;
            }
        }

        return null;
    }

    /// <summary>Parses, validates (or, for an <c>invalidOnPage</c> example, expects the named failure) and writes back.</summary>
    /// <param name="read">Reads the body and returns the request's Validate and WriteJson.</param>
    private static void CheckRequest(Func<byte[], (Action Validate, Action<Utf8JsonWriter> Write)> read, JsonElement documented, DocumentedExample example, List<string> problems)
    {
        var title = example.Title;
        (Action Validate, Action<Utf8JsonWriter> Write) request;
        try
        {
            request = read(Encoding.UTF8.GetBytes(documented.GetRawText()));
        }
        catch (Exception e) when (e is ImJsonException or JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            problems.Add("'" + title + "' request does not parse: " + e.Message);
            return;
        }

        ImCsGen.Validation.ImValidationException? failure = null;
        try
        {
            request.Validate();
        }
        catch (ImCsGen.Validation.ImValidationException e)
        {
            failure = e;
        }

        if (example.InvalidOnPage is not { } expected)
        {
            if (failure is not null)
            {
                problems.Add("'" + title + "' request does not validate: " + failure.Message);
            }
        }
        else if (failure is null)
        {
            problems.Add("'" + title + "' request is marked invalidOnPage (" + expected.Field + ", " + expected.Rule + ") but validates: remove the marker");
        }
        else if (!string.Equals(failure.Field, expected.Field, StringComparison.Ordinal) || !string.Equals(failure.Rule, expected.Rule, StringComparison.Ordinal))
        {
            problems.Add("'" + title + "' request is marked invalidOnPage (" + expected.Field + ", " + expected.Rule + ") but fails with (" + failure.Field + ", " + failure.Rule + "): " + failure.Message);
        }

        var written = Write(request.Write);
        var before = problems.Count;
        JsonTreeComparer.Compare(documented, written, string.Empty, problems);
        Prefix(problems, before, "'" + title + "' request ");
    }

    /// <summary>Parses the response and writes it back with no key dropped.</summary>
    /// <param name="read">Reads the body and returns the response's writer.</param>
    private static void CheckResponse(Func<byte[], Action<Utf8JsonWriter>> read, JsonElement documented, string title, List<string> problems)
    {
        Action<Utf8JsonWriter> write;
        try
        {
            write = read(Encoding.UTF8.GetBytes(documented.GetRawText()));
        }
        catch (Exception e) when (e is ImJsonException or JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            problems.Add("'" + title + "' response does not parse: " + e.Message);
            return;
        }

        var written = Write(write);
        var before = problems.Count;
        JsonTreeComparer.Compare(documented, written, string.Empty, problems);
        Prefix(problems, before, "'" + title + "' response ");
    }

    private static JsonElement Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void Prefix(List<string> problems, int from, string prefix)
    {
        for (var i = from; i < problems.Count; i++)
        {
            problems[i] = prefix + problems[i];
        }
    }
}
