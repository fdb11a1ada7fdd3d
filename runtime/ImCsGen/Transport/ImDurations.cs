using System;
using System.Globalization;

namespace ImCsGen.Transport;

/// <summary>How the transport's messages write a duration (options are given in seconds in the README).</summary>
internal static class ImDurations
{
    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
