using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ImCsGen.Emulator.Http;
using ImCsGen.Serialization;
using ImCsGen.Tccc;
using ImCsGen.TencentCloud;
using ImCsGen.Validation;
using Microsoft.AspNetCore.Http;

namespace ImCsGen.Emulator.Tccc;

/// <summary>A TCCC call refused with one of Tencent's string codes (answered as <c>{"Response": {"Error": ...}}</c>).</summary>
internal sealed class TcccFault : Exception
{
    public TcccFault(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}

/// <summary>
/// Serves TCCC's cloud API (ccc 2020-02-10) on <c>POST /</c> the way <c>ccc.tencentcloudapi.com</c> does:
/// <c>X-TC-Action</c> / <c>X-TC-Version</c> / <c>X-TC-Timestamp</c> headers, a TC3-HMAC-SHA256
/// <c>Authorization</c> verified against <see cref="TcccEmulatorOptions"/> (5-minute timestamp window,
/// <c>X-TC-Token</c> for temporary keys), the spec's per-action rate limit, then the action. Bodies are read
/// and checked by the generated request types (<c>ReadJson</c> + <c>Validate</c>), so the field rules come
/// from spec/tccc.json; answers are written by the generated response types. Every answer is HTTP 200 with
/// Tencent's envelope, failures carrying <c>Error.Code</c> as a dotted string.
/// </summary>
internal sealed partial class TcccService
{
    private const int MaxBodyBytes = 1024 * 1024;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ImEmulator _emulator;
    private readonly TcccEmulatorOptions _options;
    private readonly RateLimiter _rateLimiter = new();
    private readonly Dictionary<string, Func<byte[], Action<Utf8JsonWriter, string>>> _handlers = new(StringComparer.Ordinal);

    public TcccService(ImEmulator emulator, TcccEmulatorOptions options)
    {
        _emulator = emulator;
        _options = options;
        RegisterActions();
    }

    /// <summary>The TCCC application id the emulator answers for.</summary>
    public long SdkAppId => _options.SdkAppId ?? _emulator.Options.SdkAppId;

    /// <summary>The actions served (for the completeness test against the generated table).</summary>
    public IReadOnlyCollection<string> Actions => _handlers.Keys;

    internal TcccDirectory Directory { get; } = new();

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        byte[] body;
        try
        {
            body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        }
        catch (TcccFault fault)
        {
            await WriteAsync(context, (w, id) => WriteError(w, fault, id), requestId).ConfigureAwait(false);
            return;
        }

        Action<Utf8JsonWriter, string> answer;
        try
        {
            var action = Header(context, "X-TC-Action") ?? throw new TcccFault("MissingParameter", "The request is missing the X-TC-Action header.");
            _emulator.Stats.Request("tccc/" + action);
            Authenticate(context, action, body);
            if (!_handlers.TryGetValue(action, out var handler))
            {
                throw new TcccFault("InvalidAction", "The action '" + action + "' does not exist in ccc " + TcccClientActions.Version + ".");
            }

            var limit = RateLimitOf(action);
            if (_emulator.Options.DefaultRateLimitPerSecond != 0 && !_rateLimiter.TryAcquire("tccc/" + action, limit, _emulator.Options.Clock.GetUtcNow()))
            {
                throw new TcccFault("RequestLimitExceeded", "Your current request times equals to `" + limit.ToString(CultureInfo.InvariantCulture) + "` in a second, which exceeds the frequency limit of " + action + ".");
            }

            answer = handler(body);
        }
        catch (TcccFault fault)
        {
            answer = (w, id) => WriteError(w, fault, id);
        }

        await WriteAsync(context, answer, requestId).ConfigureAwait(false);
    }

    /// <summary>Reads the body with the generated reader and checks the spec's rules with the generated Validate().</summary>
    internal static TRequest Parse<TRequest>(byte[] body, JsonReader<TRequest> read)
        where TRequest : ITencentCloudRequest
    {
        TRequest request;
        try
        {
            var reader = new Utf8JsonReader(body);
            request = read(ref reader);
        }
        catch (ImJsonException e)
        {
            var missing = e.Message.Contains("required property is missing", StringComparison.Ordinal);
            throw new TcccFault(missing ? "MissingParameter" : "InvalidParameter", "The parameter `" + e.Path + "` " + (missing ? "is missing." : "is not valid: " + e.Message));
        }
        catch (JsonException e)
        {
            throw new TcccFault("InvalidParameter", "The request body is not valid JSON: " + e.Message);
        }

        try
        {
            request.Validate();
        }
        catch (ImValidationException e)
        {
            throw new TcccFault("InvalidParameterValue", e.Message);
        }

        return request;
    }

    internal delegate T JsonReader<T>(ref Utf8JsonReader reader);

    private static int RateLimitOf(string action)
    {
        foreach (var known in TcccClientActions.All)
        {
            if (known.Name == action)
            {
                return known.RateLimitPerSecond;
            }
        }

        return 20;
    }

    private static string? Header(HttpContext context, string name)
        => context.Request.Headers.TryGetValue(name, out var value) && value.Count > 0 && !string.IsNullOrEmpty(value[0]) ? value[0] : null;

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, chunk.Length)).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw new TcccFault("InvalidParameter", "The request body is larger than " + MaxBodyBytes.ToString(CultureInfo.InvariantCulture) + " bytes.");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>Version, timestamp window, key, token and TC3 signature, in the order Tencent reports them.</summary>
    private void Authenticate(HttpContext context, string action, byte[] body)
    {
        var version = Header(context, "X-TC-Version") ?? throw new TcccFault("MissingParameter", "The request is missing the X-TC-Version header.");
        if (version != TcccClientActions.Version)
        {
            throw new TcccFault("NoSuchVersion", "The API version '" + version + "' does not exist for ccc (use " + TcccClientActions.Version + ").");
        }

        var authorization = Tc3Authorization.TryParse(Header(context, "Authorization"))
            ?? throw new TcccFault("AuthFailure.InvalidAuthorization", "The Authorization header is not a TC3-HMAC-SHA256 authorization.");
        var timestampText = Header(context, "X-TC-Timestamp") ?? throw new TcccFault("MissingParameter", "The request is missing the X-TC-Timestamp header.");
        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            throw new TcccFault("InvalidParameter", "X-TC-Timestamp must be Unix seconds.");
        }

        var now = _emulator.Options.Clock.GetUtcNow();
        var skew = TimeSpan.FromSeconds(Math.Abs(now.ToUnixTimeSeconds() - timestamp));
        if (skew > Tc3Signer.MaxClockSkew)
        {
            throw new TcccFault("AuthFailure.SignatureExpire", "Signature expired: the timestamp is " + ((long)skew.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s away from the server time (at most " + ((long)Tc3Signer.MaxClockSkew.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s).");
        }

        string secretKey;
        if (authorization.SecretId == _options.SecretId)
        {
            secretKey = _options.SecretKey;
        }
        else
        {
            TcccTemporaryKey? temporary = null;
            foreach (var key in _options.TemporaryKeys)
            {
                if (key.SecretId == authorization.SecretId)
                {
                    temporary = key;
                }
            }

            if (temporary is null)
            {
                throw new TcccFault("AuthFailure.SecretIdNotFound", "The SecretId is not found, please ensure that your SecretId is correct.");
            }

            if (!FixedEquals(Header(context, "X-TC-Token") ?? string.Empty, temporary.Token))
            {
                throw new TcccFault("AuthFailure.TokenFailure", "The X-TC-Token of the temporary credential is missing or wrong.");
            }

            secretKey = temporary.SecretKey;
        }

        var date = DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (authorization.Service != TcccClientActions.Service || authorization.Date != date)
        {
            throw new TcccFault("AuthFailure.SignatureFailure", "The credential scope must be " + date + "/" + TcccClientActions.Service + "/tc3_request (UTC date of X-TC-Timestamp).");
        }

        var signsAction = authorization.SignedHeaders switch
        {
            "content-type;host" => false,
            "content-type;host;x-tc-action" => true,
            _ => throw new TcccFault("AuthFailure.SignatureFailure", "SignedHeaders must be content-type;host (optionally ;x-tc-action)."),
        };

        var contentType = context.Request.ContentType ?? string.Empty;
        var host = context.Request.Host.Value ?? string.Empty;
        if (contentType.Length == 0 || host.Length == 0)
        {
            throw new TcccFault("AuthFailure.SignatureFailure", "Content-Type and Host are signed and must be sent.");
        }

        var expected = Tc3Signer.Sign(authorization.SecretId, secretKey, TcccClientActions.Service, host, contentType, timestamp, body, signsAction ? action : null);
        if (!FixedEquals(expected.Signature, authorization.Signature))
        {
            throw new TcccFault("AuthFailure.SignatureFailure", "The provided credentials could not be validated. Please check your signature is correct.");
        }
    }

    private static bool FixedEquals(string a, string b)
        => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static void WriteError(Utf8JsonWriter writer, TcccFault fault, string requestId)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("Error"u8);
        writer.WriteStartObject();
        writer.WriteString("Code"u8, fault.Code);
        writer.WriteString("Message"u8, fault.Message);
        writer.WriteEndObject();
        writer.WriteString("RequestId"u8, requestId);
        writer.WriteEndObject();
    }

    private async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter, string> answer, string requestId)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("Response"u8);
            answer(writer, requestId);
            writer.WriteEndObject();
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
    }
}
