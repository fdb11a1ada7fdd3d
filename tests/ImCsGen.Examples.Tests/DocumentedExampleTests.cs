using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using ImCsGen.Im;
using ImCsGen.Serialization;
using Xunit;
using Xunit.Abstractions;

namespace ImCsGen.Examples.Tests;

/// <summary>
/// Every documented example of spec/examples, checked against the generated types through the codec
/// table the generator emits (<see cref="ImClientCodecs.ByPath"/>): the request parses, validates and
/// writes back with no key lost or changed; the response parses and writes back with no key dropped.
/// A new endpoint is covered by adding its example file: there is no per-endpoint code here.
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
        if (!examples.IsRestEndpoint)
        {
            // xunit 2 cannot skip a theory case at run time; say why nothing was checked.
            _output.WriteLine("not checked: " + file + " is a " + (examples.Action is not null || file.StartsWith("tccc/", StringComparison.Ordinal) ? "TCCC action" : "callback")
                + " example; its registry is not part of this test yet");
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
                CheckRequest(codec!, request, example.Title, problems);
            }

            if (example.Response is { } response)
            {
                CheckResponse(codec!, response, example.Title, problems);
            }
        }

        Assert.True(problems.Count == 0, file + " (" + examples.Endpoint + "):\n  " + string.Join("\n  ", problems));
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
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"example files: {files.Count} ({rest.Count} REST endpoints, {files.Count - rest.Count} TCCC/callback files not checked here)"));
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"examples: {rest.Sum(f => f.Examples.Count)} ({requests} requests, {responses} responses)"));
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"endpoints in the spec: {endpoints.Count}; without an example file: {missing.Count}"));
        foreach (var path in missing)
        {
            _output.WriteLine("  no examples: " + path);
        }
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

    private static void CheckRequest(ImEndpointCodec codec, JsonElement documented, string title, List<string> problems)
    {
        IImRequest request;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(documented.GetRawText()));
            request = codec.ReadRequest(ref reader);
        }
        catch (Exception e) when (e is ImJsonException or JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            problems.Add("'" + title + "' request does not parse: " + e.Message);
            return;
        }

        try
        {
            request.Validate();
        }
        catch (ImCsGen.Validation.ImValidationException e)
        {
            problems.Add("'" + title + "' request does not validate: " + e.Message);
        }

        var written = Write(request.WriteJson);
        var before = problems.Count;
        JsonTreeComparer.Compare(documented, written, string.Empty, problems);
        Prefix(problems, before, "'" + title + "' request ");
    }

    private static void CheckResponse(ImEndpointCodec codec, JsonElement documented, string title, List<string> problems)
    {
        ImResponse response;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(documented.GetRawText()));
            response = codec.ReadResponse(ref reader);
        }
        catch (Exception e) when (e is ImJsonException or JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            problems.Add("'" + title + "' response does not parse: " + e.Message);
            return;
        }

        var written = Write(writer => codec.WriteResponse(response, writer));
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
