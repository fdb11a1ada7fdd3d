using System;
using System.Globalization;
using System.Text;

namespace ImCsGen.Transport;

/// <summary>Builds <c>{base}/v4/{service}/{command}?sdkappid=..&amp;identifier=..&amp;usersig=..&amp;random=..&amp;contenttype=json</c>.</summary>
public static class ImRequestUri
{
    /// <summary>What a logged URL shows instead of the UserSig.</summary>
    public const string RedactedUserSig = "[redacted]";

    /// <summary>Builds the URL of one attempt.</summary>
    public static Uri Build(Uri baseAddress, string path, long sdkAppId, string identifier, string userSig, uint random)
        => new(BuildString(baseAddress, path, sdkAppId, identifier, userSig, random), UriKind.Absolute);

    /// <summary>The same URL for logs: the UserSig is replaced by <see cref="RedactedUserSig"/>.</summary>
    public static string BuildRedacted(Uri baseAddress, string path, long sdkAppId, string identifier, uint random)
        => BuildString(baseAddress, path, sdkAppId, identifier, null, random);

    private static string BuildString(Uri baseAddress, string path, long sdkAppId, string identifier, string? userSig, uint random)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(path);
        var builder = new StringBuilder(256)
            .Append(baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/'))
            .Append("/v4/").Append(path)
            .Append("?sdkappid=").Append(sdkAppId.ToString(CultureInfo.InvariantCulture))
            .Append("&identifier=");
        AppendEscaped(builder, identifier);
        builder.Append("&usersig=");
        if (userSig is null)
        {
            builder.Append(RedactedUserSig);
        }
        else
        {
            AppendEscaped(builder, userSig);
        }

        return builder
            .Append("&random=").Append(random.ToString(CultureInfo.InvariantCulture))
            .Append("&contenttype=json")
            .ToString();
    }

    // UserSigs use the alphabet [A-Za-z0-9*-_], which is legal in a query as it is and is sent unescaped
    // by Tencent's own SDKs; anything else (an unusual identifier) is percent-encoded as UTF-8.
    private static void AppendEscaped(StringBuilder builder, string value)
    {
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '*' or '-' or '_' or '.' or '~'))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var count = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < count; i++)
            {
                builder.Append('%').Append(utf8[i].ToString("X2", CultureInfo.InvariantCulture));
            }
        }
    }
}
