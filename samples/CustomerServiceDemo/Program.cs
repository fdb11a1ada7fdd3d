using System;
using System.Threading.Tasks;
using CustomerServiceDemo;

// Plays Tencent Cloud IM's customer-service scenario with the generated client.
// Default: against an embedded emulator (no account, no network). To target a real App:
//   IMCSGEN_SECRET_KEY=... dotnet run --project samples/CustomerServiceDemo -- --endpoint https://adminapisgp.im.qcloud.com --sdkappid 1400000000 --identifier administrator
DemoOptions options;
try
{
    options = DemoOptions.Parse(args, Environment.GetEnvironmentVariable("IMCSGEN_SECRET_KEY"));
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync("CustomerServiceDemo: " + e.Message).ConfigureAwait(false);
    await Console.Error.WriteLineAsync(DemoOptions.Usage).ConfigureAwait(false);
    return 2;
}

return await DemoRunner.RunAsync(options, Console.Out).ConfigureAwait(false);
