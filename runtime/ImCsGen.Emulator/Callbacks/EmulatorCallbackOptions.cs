using System;

namespace ImCsGen.Emulator.Callbacks;

/// <summary>Where the emulator sends third-party callbacks (set <see cref="EmulatorOptions.Callbacks"/>).</summary>
public sealed class EmulatorCallbackOptions
{
    /// <summary>The app's callback URL (loopback: the emulator only talks to 127.0.0.1).</summary>
    public Uri? Url { get; set; }

    /// <summary>The callback token; with it, callbacks carry Sign and RequestTime. Never printed.</summary>
    public string? Token { get; set; }

    /// <inheritdoc />
    public override string ToString() => "Url=" + Url + ", Token=" + (Token is null ? "(none)" : "***");
}
