using System;
using ImCsGen.TencentCloud;

namespace ImCsGen.Emulator.Tccc;

/// <summary>Pointing a TCCC client at the emulator.</summary>
public static class ImEmulatorTcccExtensions
{
    /// <summary>
    /// Options for <c>TcccClient.Create</c> that sign with the emulator's TCCC key and send to its address:
    /// <c>TcccClient.Create(emulator.CreateTcccClientOptions())</c>.
    /// </summary>
    public static TencentCloudClientOptions CreateTcccClientOptions(this ImEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        return new TencentCloudClientOptions
        {
            SecretId = emulator.Options.Tccc.SecretId,
            SecretKey = emulator.Options.Tccc.SecretKey,
            Endpoint = emulator.BaseAddress,
        };
    }

    /// <summary>The TCCC application id (SdkAppId) the emulator answers for.</summary>
    public static long TcccSdkAppId(this ImEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        return emulator.Options.Tccc.SdkAppId ?? emulator.Options.SdkAppId;
    }
}
