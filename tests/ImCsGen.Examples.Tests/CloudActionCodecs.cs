using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Metadata;
using ImCsGen.TencentCloud;

namespace ImCsGen.Examples.Tests;

/// <summary>The generated types of one Tencent Cloud API 3.0 action (TCCC's ccc 2020-02-10 and any other cloud module).</summary>
internal sealed class CloudActionCodec
{
    public CloudActionCodec(string action, Type requestType, Type responseType, Func<byte[], ITencentCloudRequest> readRequest, Func<byte[], TencentCloudResponse> readResponse, MethodInfo writeResponse)
    {
        Action = action;
        RequestType = requestType;
        ResponseType = responseType;
        ReadRequest = readRequest;
        ReadResponse = readResponse;
        _writeResponse = writeResponse;
    }

    private readonly MethodInfo _writeResponse;

    public string Action { get; }

    public Type RequestType { get; }

    public Type ResponseType { get; }

    /// <summary>Reads a request body with the generated <c>ReadJson</c>.</summary>
    public Func<byte[], ITencentCloudRequest> ReadRequest { get; }

    /// <summary>Reads the object inside <c>{"Response": ...}</c> with the generated <c>ReadJson</c>.</summary>
    public Func<byte[], TencentCloudResponse> ReadResponse { get; }

    /// <summary>Writes a response (the object inside <c>Response</c>) with the generated <c>WriteJson</c>.</summary>
    public void WriteResponse(TencentCloudResponse response, Utf8JsonWriter writer)
    {
        try
        {
            _writeResponse.Invoke(response, new object[] { writer });
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}

/// <summary>
/// The cloud-API counterpart of <c>ImClientCodecs.ByPath</c>: every generated action of the runtime assembly, keyed by
/// action name. The generator emits no codec table for cloud modules, so the test finds the actions from the public
/// surface the generator does emit: each request class carries <see cref="TencentCloudActionAttribute"/>, and the
/// client interface pairs it with its response (<c>Task&lt;XResponse&gt; XAsync(XRequest, CancellationToken)</c>).
/// A new action in spec/tccc.json is therefore covered without test code. (Reflection is fine here: tests are not
/// trimmed; the runtime and the generated code stay reflection-free.)
/// </summary>
internal static class CloudActionCodecs
{
    private delegate object ReadDelegate(ref Utf8JsonReader reader);

    public static IReadOnlyDictionary<string, CloudActionCodec> ByAction { get; } = Discover(typeof(ITencentCloudRequest).Assembly);

    private static Dictionary<string, CloudActionCodec> Discover(Assembly assembly)
    {
        var codecs = new Dictionary<string, CloudActionCodec>(StringComparer.Ordinal);
        foreach (var contract in assembly.GetExportedTypes().Where(t => t.IsInterface))
        {
            foreach (var method in contract.GetMethods())
            {
                var parameters = method.GetParameters();
                if (parameters.Length == 0 || !typeof(ITencentCloudRequest).IsAssignableFrom(parameters[0].ParameterType)
                    || !method.ReturnType.IsGenericType || method.ReturnType.GetGenericTypeDefinition() != typeof(Task<>))
                {
                    continue;
                }

                var requestType = parameters[0].ParameterType;
                var responseType = method.ReturnType.GetGenericArguments()[0];
                var attribute = requestType.GetCustomAttribute<TencentCloudActionAttribute>();
                if (attribute is null || !typeof(TencentCloudResponse).IsAssignableFrom(responseType) || codecs.ContainsKey(attribute.Action))
                {
                    continue;
                }

                codecs.Add(attribute.Action, Create(attribute.Action, requestType, responseType));
            }
        }

        return codecs;
    }

    private static CloudActionCodec Create(string action, Type requestType, Type responseType)
    {
        var readRequestMethod = requestType.GetMethod("ReadJson", BindingFlags.Public | BindingFlags.Static, new[] { typeof(Utf8JsonReader).MakeByRefType() })
            ?? throw new InvalidOperationException(requestType + " has no static ReadJson(ref Utf8JsonReader)");
        var readRequest = (ReadDelegate)Delegate.CreateDelegate(typeof(ReadDelegate), readRequestMethod);
        var readResponse = (Func<byte[], TencentCloudResponse>)Delegate.CreateDelegate(
            typeof(Func<byte[], TencentCloudResponse>),
            typeof(CloudActionCodecs).GetMethod(nameof(ReadResponse), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(responseType));
        var writeResponse = responseType.GetMethod("WriteJson", BindingFlags.Public | BindingFlags.Instance, new[] { typeof(Utf8JsonWriter) })
            ?? throw new InvalidOperationException(responseType + " has no WriteJson(Utf8JsonWriter)");
        return new CloudActionCodec(
            action,
            requestType,
            responseType,
            utf8 =>
            {
                var reader = new Utf8JsonReader(utf8);
                return (ITencentCloudRequest)readRequest(ref reader);
            },
            readResponse,
            writeResponse);
    }

    private static TencentCloudResponse ReadResponse<T>(byte[] utf8)
        where T : TencentCloudResponse, ITencentCloudResponse<T>
    {
        var reader = new Utf8JsonReader(utf8);
        return T.ReadJson(ref reader);
    }
}
