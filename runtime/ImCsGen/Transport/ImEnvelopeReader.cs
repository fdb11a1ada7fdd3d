using System;
using System.Globalization;
using System.Text.Json;
using ImCsGen.Serialization;

namespace ImCsGen.Transport;

/// <summary>
/// Turns an answer (status and body bytes) into the typed response or the <see cref="ImException"/> it stands
/// for. It never throws for a bad answer: the attempt sender decides what to do with the error (renew the
/// UserSig once on 70001, else hand it to the retry rules), so reading and retrying stay apart.
/// </summary>
internal sealed class ImEnvelopeReader
{
    private readonly ImRedactor _redactor;

    public ImEnvelopeReader(ImRedactor redactor) => _redactor = redactor;

    /// <summary>Reads <paramref name="body"/>; the span may be a pooled buffer: nothing read keeps a reference to it.</summary>
    public (TResponse? Response, ImException? Error) Interpret<TResponse>(string path, int status, ReadOnlySpan<byte> body, string userSig)
        where TResponse : ImResponse, IImResponse<TResponse>
    {
        if (status is < 200 or > 299)
        {
            // An error status may still carry an IM envelope; its code is more precise than the status.
            if (TryReadEnvelope(body, out var envelope) && envelope.ErrorCode != 0)
            {
                return (null, FromEnvelope(path, envelope, status, userSig));
            }

            return (null, new ImTransportException(ImErrorCodes.HttpError, path, "HTTP " + status.ToString(CultureInfo.InvariantCulture), certainlyNotProcessed: status == 429, status));
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            var response = TResponse.ReadJson(ref reader);
            if (response.ErrorCode != 0)
            {
                return (null, FromEnvelope(path, response, status, userSig));
            }

            // Only ActionStatus OK is a success: {} or another service's JSON (a proxy page, a wrong
            // BaseAddress) also reads with ErrorCode 0, but nothing says the call was carried out.
            if (!string.Equals(response.ActionStatus, "OK", StringComparison.Ordinal))
            {
                var seen = response.ActionStatus is null ? "no ActionStatus" : "ActionStatus '" + _redactor.Redact(ImRedactor.Truncate(response.ActionStatus), userSig) + "'";
                return (null, new ImTransportException(ImErrorCodes.InvalidResponse, path, "HTTP " + status.ToString(CultureInfo.InvariantCulture) + " answer with " + seen + " and no error code is not an IM answer (expected ActionStatus OK; check BaseAddress and any proxy)", false, status));
            }

            return (response, null);
        }
        catch (Exception exception) when (exception is ImJsonException or JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            // A failure body may lack fields the typed reader insists on: read just the envelope.
            if (TryReadEnvelope(body, out var envelope) && !envelope.IsSuccess)
            {
                return (null, FromEnvelope(path, envelope, status, userSig));
            }

            return (null, new ImTransportException(ImErrorCodes.InvalidResponse, path, _redactor.Redact(exception.Message, userSig), false, status, exception));
        }
    }

    private static bool TryReadEnvelope(ReadOnlySpan<byte> body, out ImEnvelope envelope)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            envelope = ImEnvelope.ReadJson(ref reader);
            return envelope.ActionStatus is not null || envelope.ErrorCode != 0;
        }
        catch (Exception exception) when (exception is ImJsonException or JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            envelope = null!;
            return false;
        }
    }

    private ImException FromEnvelope(string path, ImResponse envelope, int status, string userSig)
    {
        var code = envelope.ErrorCode;
        var description = ImErrorCodes.Describe(code);
        return new ImException(code, _redactor.Redact(envelope.ErrorInfo, userSig), path, envelope.RequestId, description.Meaning, description.Retry != ImRetryClass.Never)
        {
            ErrorDisplay = _redactor.Redact(envelope.ErrorDisplay, userSig),
            HttpStatusCode = status,
        };
    }
}
