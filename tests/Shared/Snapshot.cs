using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace ImCsGen.Tests;

/// <summary>
/// Snapshot checks with Verify's conventions (Verify itself cannot be restored here): the expected
/// text lives in <c>{Class}.{Test}.verified.{ext}</c> beside the test file and is committed; on a
/// mismatch the actual text is written to <c>.received.{ext}</c> next to it and the test fails. To
/// accept a change, review the received file and rename it to verified. With
/// <c>IMCSGEN_ACCEPT_SNAPSHOTS=1</c> a missing or different snapshot is written as verified (never in CI).
/// </summary>
public static class Snapshot
{
    public static void Match(string actual, string name, string extension = "cs", [CallerFilePath] string sourceFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(SourcePath(sourceFile))!, "Snapshots");
        Directory.CreateDirectory(directory);
        var verified = Path.Combine(directory, name + ".verified." + extension);
        var received = Path.Combine(directory, name + ".received." + extension);
        actual = actual.Replace("\r\n", "\n");
        var accept = Environment.GetEnvironmentVariable("IMCSGEN_ACCEPT_SNAPSHOTS") == "1"
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            if (File.Exists(received))
            {
                File.Delete(received);
            }

            return;
        }

        if (accept)
        {
            File.WriteAllText(verified, actual);
            return;
        }

        File.WriteAllText(received, actual);
        throw new XunitException(expected is null
            ? "No verified snapshot " + verified + " yet; the output was written to " + received + ". Review it and rename it to .verified."
            : "Snapshot " + verified + " differs from the output; see " + received + " (" + FirstDifference(expected, actual) + ").");
    }

    /// <summary>
    /// The test file on disk. CI builds map source paths to "/_/" (deterministic builds), so a mapped
    /// path is resolved against the repository root, found above the test assembly.
    /// </summary>
    private static string SourcePath(string sourceFile)
    {
        if (File.Exists(sourceFile) || !sourceFile.StartsWith("/_/", StringComparison.Ordinal))
        {
            return sourceFile;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImCsGen.sln")))
            {
                return Path.Combine(dir.FullName, sourceFile.Substring(3));
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (ImCsGen.sln) above " + AppContext.BaseDirectory + " to resolve " + sourceFile + ".");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end>";
            var right = i < a.Length ? a[i] : "<end>";
            if (left != right)
            {
                return "first difference at line " + (i + 1) + ": expected '" + left.Trim() + "', got '" + right.Trim() + "'";
            }
        }

        return "line endings differ";
    }
}
