using System;
using System.Diagnostics;
using System.Reflection;

namespace ImCsGen.Benchmarks.Stub;

/// <summary>Starts this same benchmark executable with another verb.</summary>
internal static class ChildProcess
{
    public static ProcessStartInfo Create(string verb)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (string.Equals(System.IO.Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        start.ArgumentList.Add(verb);
        return start;
    }
}
