using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Emulator;
using ImCsGen.Emulator.Desk;

// imcsgen-emulator: a local Tencent Cloud IM REST server with a customer-service desk, on 127.0.0.1.
// Options: --port N (default 5080, 0 = any), --config flow.json, --sdkappid N, --admin NAME (repeatable),
// --rate-limit N (calls per second per endpoint), --rate-limit-for PATH=N (one endpoint's limit, repeatable). The secret key comes from IMCSGEN_EMULATOR_SECRET_KEY
// (or the built-in development key); it is never printed.
return await HostProgram.RunAsync(args).ConfigureAwait(false);

internal static class HostProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        EmulatorOptions options;
        try
        {
            options = Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException)
        {
            await Console.Error.WriteLineAsync("imcsgen-emulator: " + e.Message).ConfigureAwait(false);
            await Console.Error.WriteLineAsync("usage: imcsgen-emulator [--port N] [--config flow.json] [--sdkappid N] [--admin NAME]... [--rate-limit N] [--rate-limit-for PATH=N]...").ConfigureAwait(false);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        // `kill` (SIGTERM) and SIGINT from another process stop the host cleanly too, not only Ctrl+C.
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        using var onInt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        await using var emulator = await ImEmulator.StartAsync(options).ConfigureAwait(false);
        Console.WriteLine("ImCsGen IM emulator listening on " + emulator.BaseAddress);
        Console.WriteLine("  SDKAppID:       " + options.SdkAppId.ToString(CultureInfo.InvariantCulture));
        Console.WriteLine("  administrators: " + string.Join(", ", options.Administrators));
        Console.WriteLine("  secret key:     " + (Environment.GetEnvironmentVariable("IMCSGEN_EMULATOR_SECRET_KEY") is { Length: > 0 } ? "from IMCSGEN_EMULATOR_SECRET_KEY" : "built-in development key (see README)"));
        foreach (var flow in emulator.Desk.Flows)
        {
            Console.WriteLine("  service flow:   " + flow.VirtualAccount + " (" + flow.HotQuestions.Count.ToString(CultureInfo.InvariantCulture) + " hot questions)");
        }

        Console.WriteLine("  control API:    " + emulator.BaseAddress + "_emulator/health");
        Console.WriteLine("Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C.
        }

        return 0;
    }

    private static EmulatorOptions Parse(string[] args)
    {
        var options = new EmulatorOptions { Port = 5080 };
        var admins = new System.Collections.Generic.List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + ": needs a value.");
            switch (args[i])
            {
                case "--port":
                    options.Port = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                    if (options.Port > 65535)
                    {
                        throw new ArgumentException("--port: must be 0..65535.");
                    }

                    break;
                case "--config":
                    options.ServiceDesk = ServiceDeskConfig.Parse(File.ReadAllText(Value()));
                    break;
                case "--sdkappid":
                    options.SdkAppId = long.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--admin":
                    admins.Add(Value());
                    break;
                case "--rate-limit":
                    options.DefaultRateLimitPerSecond = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--rate-limit-for":
                    var pair = Value();
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        throw new ArgumentException("--rate-limit-for: expected PATH=N (e.g. openim/sendmsg=200), got '" + pair + "'.");
                    }

                    options.RateLimits[pair[..equals]] = int.Parse(pair[(equals + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException("unknown option '" + args[i] + "'.");
            }
        }

        if (admins.Count > 0)
        {
            options.Administrators = admins;
        }

        if (Environment.GetEnvironmentVariable("IMCSGEN_EMULATOR_SECRET_KEY") is { Length: > 0 } key)
        {
            options.SecretKey = key;
        }

        return options;
    }
}
