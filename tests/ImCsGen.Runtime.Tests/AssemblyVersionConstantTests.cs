using System.Diagnostics.Metrics;
using ImCsGen.Diagnostics;
using Xunit;

namespace ImCsGen.Runtime.Tests;

/// <summary>
/// The ActivitySource and Meter carry the assembly's version from a constant written at build time (reading it with
/// Assembly.GetName() showed in the Native AOT cold start): the constant must be the version the assembly has.
/// </summary>
public sealed class AssemblyVersionConstantTests
{
    [Fact]
    public void The_version_constant_is_the_assemblys_version()
    {
        var version = typeof(ImTelemetry).Assembly.GetName().Version;
        Assert.NotNull(version);
        Assert.Equal(ImCsGenAssemblyVersion.Value, version.ToString());
        Assert.Equal(version.ToString(), ImTelemetry.ActivitySource.Version);
    }

    [Fact]
    public void The_meter_carries_the_same_version()
    {
        using var listener = new MeterListener();
        string? seen = null;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ImTelemetry.Name)
            {
                seen = instrument.Meter.Version;
            }
        };
        listener.Start();
        _ = new ImTelemetry(null);
        Assert.Equal(ImCsGenAssemblyVersion.Value, seen);
    }
}
