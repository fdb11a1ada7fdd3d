using System;
using System.Collections.Generic;
using System.Text.Json;
using ImCsGen.Serialization;

namespace ImCsGen.TencentCloud;

/// <summary>The error object of a failed API 3.0 call: <c>{"Code": "AuthFailure.SignatureExpire", "Message": "..."}</c>.</summary>
/// <param name="Code">Tencent's dotted string code.</param>
/// <param name="Message">Tencent's text.</param>
public sealed record TencentCloudError(string Code, string? Message);

/// <summary>
/// What every API 3.0 answer carries inside <c>{"Response": {...}}</c>: <c>RequestId</c>, and on failure
/// <c>Error {Code, Message}</c>. Generated responses derive from it and add the action's fields.
/// </summary>
public abstract class TencentCloudResponse
{
    /// <summary>Tencent's request id (present on every answer that reached Tencent, errors included).</summary>
    public string? RequestId { get; set; }

    /// <summary>The error, when the call failed.</summary>
    public TencentCloudError? Error { get; set; }

    /// <summary>Whether the call succeeded (no <c>Error</c>).</summary>
    public bool IsSuccess => Error is null;

    /// <summary>Whether a batch call reported per-item failures (generated responses with an <c>itemErrors</c> field override it).</summary>
    public virtual bool HasItemErrors => false;

    /// <summary>True when any item of a per-item result list has a non-zero result code.</summary>
    protected static bool AnyFailed<T>(IList<T>? items, Func<T, long?> resultCode)
    {
        ArgumentNullException.ThrowIfNull(resultCode);
        if (items is null)
        {
            return false;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item && resultCode(item) is { } code && code != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes <c>Error</c> (when set) and <c>RequestId</c> (used by generated <c>WriteJson</c>, e.g. in the emulator).</summary>
    protected void WriteEnvelopeProperties(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Error is not null)
        {
            writer.WriteStartObject("Error"u8);
            writer.WriteString("Code"u8, Error.Code);
            writer.WriteString("Message"u8, Error.Message ?? string.Empty);
            writer.WriteEndObject();
        }

        writer.WriteString("RequestId"u8, RequestId ?? string.Empty);
    }

    /// <summary>Reads <c>RequestId</c> or <c>Error</c> when the reader is on one of those names; false otherwise.</summary>
    protected bool TryReadEnvelopeProperty(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("RequestId"u8))
        {
            reader.Read();
            RequestId = ImJson.ReadString(ref reader, "RequestId");
            return true;
        }

        if (reader.ValueTextEquals("Error"u8))
        {
            reader.Read();
            Error = ReadError(ref reader);
            return true;
        }

        return false;
    }

    private static TencentCloudError? ReadError(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        ImJson.ReadStartObject(ref reader, "Error");
        string? code = null, message = null;
        while (ImJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("Code"u8))
            {
                reader.Read();
                code = ImJson.ReadString(ref reader, "Error.Code");
            }
            else if (reader.ValueTextEquals("Message"u8))
            {
                reader.Read();
                message = ImJson.ReadString(ref reader, "Error.Message");
            }
            else
            {
                ImJson.SkipValue(ref reader);
            }
        }

        return new TencentCloudError(string.IsNullOrEmpty(code) ? "InternalError" : code, message);
    }
}

/// <summary>A response with nothing but <c>RequestId</c> and <c>Error</c>, for reading failures of any action.</summary>
public sealed class TencentCloudEnvelope : TencentCloudResponse, ITencentCloudResponse<TencentCloudEnvelope>
{
    /// <inheritdoc />
    public static TencentCloudEnvelope ReadJson(ref Utf8JsonReader reader)
    {
        var envelope = new TencentCloudEnvelope();
        ImJson.ReadStartObject(ref reader, "Response");
        while (ImJson.NextProperty(ref reader))
        {
            if (!envelope.TryReadEnvelopeProperty(ref reader))
            {
                ImJson.SkipValue(ref reader);
            }
        }

        return envelope;
    }

    /// <summary>Writes <c>{"Response": {"Error": ..., "RequestId": ...}}</c> (the emulator's error answer).</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartObject("Response"u8);
        WriteEnvelopeProperties(writer);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
