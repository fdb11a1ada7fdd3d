using System;
using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;

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

    // Built in a stack buffer with DefaultInterpolatedStringHandler: the only allocation is the final string
    // (a StringBuilder cost a 512-byte buffer, the builder and the base address's text on every attempt).
    private static string BuildString(Uri baseAddress, string path, long sdkAppId, string identifier, string? userSig, uint random)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(path);
        var builder = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[512]);
        builder.AppendFormatted(Root(baseAddress));
        builder.AppendLiteral("/v4/");
        builder.AppendFormatted(path);
        builder.AppendLiteral("?sdkappid=");
        builder.AppendFormatted(sdkAppId);
        builder.AppendLiteral("&identifier=");
        AppendEscaped(ref builder, identifier);
        builder.AppendLiteral("&usersig=");
        if (userSig is null)
        {
            builder.AppendLiteral(RedactedUserSig);
        }
        else
        {
            AppendEscaped(ref builder, userSig);
        }

        builder.AppendLiteral("&random=");
        builder.AppendFormatted(random);
        builder.AppendLiteral("&contenttype=json");
        return builder.ToStringAndClear();
    }

    // The transport passes the same Uri instance on every call: remember its text (scheme, host, port and path,
    // no trailing slash) instead of recomputing it. Uri is immutable, so a reference match is an exact match.
    private static string Root(Uri baseAddress)
    {
        var cached = Volatile.Read(ref s_root);
        if (cached is not null && ReferenceEquals(cached.BaseAddress, baseAddress))
        {
            return cached.Text;
        }

        var text = baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');
        Volatile.Write(ref s_root, new RootText(baseAddress, text));
        return text;
    }

    // UserSigs use the alphabet [A-Za-z0-9*-_], which is legal in a query as it is and is sent unescaped
    // by Tencent's own SDKs; anything else (an unusual identifier) is percent-encoded as UTF-8.
    private static void AppendEscaped(ref DefaultInterpolatedStringHandler builder, string value)
    {
        if (!value.AsSpan().ContainsAnyExcept(Unescaped))
        {
            builder.AppendFormatted(value);
            return;
        }

        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && Unescaped.Contains((char)rune.Value))
            {
                builder.AppendFormatted((char)rune.Value);
                continue;
            }

            var count = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < count; i++)
            {
                builder.AppendLiteral("%");
                builder.AppendFormatted(utf8[i], "X2");
            }
        }
    }

    private static readonly SearchValues<char> Unescaped = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-_.~");

    private static RootText? s_root;

    private sealed record RootText(Uri BaseAddress, string Text);
}
