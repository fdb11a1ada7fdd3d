using System;
using System.Net.Http;

namespace ImCsGen.Transport;

/// <summary>
/// Keeps secrets out of everything the transport passes on. Tencent's texts, and exception messages that quote
/// a URL, could echo the UserSig (or, in a misconfigured proxy, the secret key); an exception's message reaches
/// logs through ToString(), so redaction happens where the text enters the transport, not where it is logged.
/// </summary>
internal sealed class ImRedactor
{
    private readonly string? _secretKey;

    public ImRedactor(string? secretKey) => _secretKey = string.IsNullOrEmpty(secretKey) ? null : secretKey;

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public string? Redact(string? text, string userSig)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        if (userSig.Length > 0)
        {
            text = text.Replace(userSig, ImRequestUri.RedactedUserSig, StringComparison.Ordinal);
        }

        if (_secretKey is not null)
        {
            text = text.Replace(_secretKey, "[redacted]", StringComparison.Ordinal);
        }

        return text;
    }

    // A handler in the pipeline may put the request URL, and with it the UserSig, into its message. Such an
    // exception is not passed on (it would reach logs through ToString()); a copy with the text redacted is.
    public Exception Sanitize(HttpRequestException exception, string userSig)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (!string.Equals(Redact(current.Message, userSig), current.Message, StringComparison.Ordinal))
            {
                return new HttpRequestException(exception.HttpRequestError, Redact(exception.Message, userSig) + " (details redacted: they contained a secret)", null, exception.StatusCode);
            }
        }

        return exception;
    }

    /// <summary>A short prefix of a text quoted from an unexpected answer.</summary>
    public static string Truncate(string text) => text.Length <= 32 ? text : text[..32] + "...";
}
