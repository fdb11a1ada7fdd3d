using System;

namespace ImCsGen.Emulator.Tests;

/// <summary>A clock that stands still until told to move (timers stay real).</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now;

    public ManualClock(DateTimeOffset start) => _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
