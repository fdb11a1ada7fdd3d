using System;
using System.Text.Json;

namespace ImCsGen.Serialization;

/// <summary>The envelope every IM REST response carries. Generated responses derive from it.</summary>
public abstract class ImResponse
{
    /// <summary><c>OK</c> or <c>FAIL</c>.</summary>
    public string? ActionStatus { get; set; }

    /// <summary>0 on success, otherwise Tencent's error code.</summary>
    public int ErrorCode { get; set; }

    /// <summary>Tencent's description of the failure.</summary>
    public string? ErrorInfo { get; set; }

    /// <summary>Text meant for display, when Tencent sends one.</summary>
    public string? ErrorDisplay { get; set; }

    /// <summary>Request id for troubleshooting, when Tencent sends one.</summary>
    public string? RequestId { get; set; }

    /// <summary>
    /// The de-duplication keys this call sent on every attempt (null for endpoints without a rule); set by
    /// the transport, as the request object itself is never changed.
    /// </summary>
    public ImCsGen.Idempotency.ImDeduplicationKeys? DeduplicationKeys { get; set; }

    /// <summary>Whether the call succeeded (<c>ActionStatus</c> OK and code 0).</summary>
    public bool IsSuccess => ErrorCode == 0 && !string.Equals(ActionStatus, "FAIL", StringComparison.Ordinal);

    /// <summary>
    /// Whether a batch call reported per-item failures although the call itself succeeded.
    /// Generated responses with an <c>itemErrors</c> field override this.
    /// </summary>
    public virtual bool HasItemErrors => false;

    /// <summary>True when any item of a per-item result list has a non-zero result code.</summary>
    protected static bool AnyFailed<T>(System.Collections.Generic.IList<T>? items, Func<T, long?> resultCode)
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

    /// <summary>Writes the envelope properties (used by generated <c>WriteJson</c>, e.g. in the emulator).</summary>
    protected void WriteEnvelopeProperties(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("ActionStatus"u8, ActionStatus ?? (ErrorCode == 0 ? "OK" : "FAIL"));
        writer.WriteNumber("ErrorCode"u8, ErrorCode);
        writer.WriteString("ErrorInfo"u8, ErrorInfo ?? string.Empty);
        if (ErrorDisplay is not null)
        {
            writer.WriteString("ErrorDisplay"u8, ErrorDisplay);
        }

        if (RequestId is not null)
        {
            writer.WriteString("RequestId"u8, RequestId);
        }
    }

    /// <summary>
    /// Reads one envelope property if <paramref name="reader"/> is positioned on its name; used by
    /// generated readers for names they do not know themselves. Returns false for non-envelope names.
    /// </summary>
    protected bool TryReadEnvelopeProperty(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("ActionStatus"u8))
        {
            reader.Read();
            ActionStatus = ImJson.ReadString(ref reader, "ActionStatus");
            return true;
        }

        if (reader.ValueTextEquals("ErrorCode"u8))
        {
            reader.Read();
            ErrorCode = ImJson.ReadInt32(ref reader, "ErrorCode");
            return true;
        }

        if (reader.ValueTextEquals("ErrorInfo"u8))
        {
            reader.Read();
            ErrorInfo = ImJson.ReadString(ref reader, "ErrorInfo");
            return true;
        }

        if (reader.ValueTextEquals("ErrorDisplay"u8))
        {
            reader.Read();
            ErrorDisplay = ImJson.ReadString(ref reader, "ErrorDisplay");
            return true;
        }

        if (reader.ValueTextEquals("RequestId"u8))
        {
            reader.Read();
            RequestId = ImJson.ReadString(ref reader, "RequestId");
            return true;
        }

        return false;
    }
}

/// <summary>A response with nothing but the envelope, for reading failures of any endpoint.</summary>
public sealed class ImEnvelope : ImResponse, IImResponse<ImEnvelope>
{
    /// <inheritdoc />
    public static ImEnvelope ReadJson(ref Utf8JsonReader reader)
        => ImJson.IsDocumentStart(ref reader) ? ImJson.ReadDocument(ref reader, "response", static (ref Utf8JsonReader r) => ReadObject(ref r)) : ReadObject(ref reader);

    private static ImEnvelope ReadObject(ref Utf8JsonReader reader)
    {
        var envelope = new ImEnvelope();
        ImJson.ReadStartObject(ref reader, "response");
        while (ImJson.NextProperty(ref reader))
        {
            if (!envelope.TryReadEnvelopeProperty(ref reader))
            {
                reader.Read();
                reader.Skip();
            }
        }

        return envelope;
    }
}
