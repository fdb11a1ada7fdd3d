using System;
using System.Threading.Tasks;
using CustomerServiceDemo;

// Plays Tencent Cloud IM's customer-service scenario with the generated client.
// Default: against an embedded emulator (no account, no network). To target a real App:
//   IMCSGEN_SECRET_KEY=... dotnet run --project samples/CustomerServiceDemo -- --endpoint https://adminapisgp.im.qcloud.com --sdkappid 1400000000 --identifier administrator
// and its TCCC agent side (agent + skill group provisioned, records read back through the ccc API):
//   IMCSGEN_SECRET_KEY=... IMCSGEN_TCCC_SECRET_KEY=... dotnet run --project samples/CustomerServiceDemo -- --endpoint ... --sdkappid ... --identifier ... --tccc-secret-id AKID... [--tccc-sdkappid N] [--tccc-agent agent@company.example]
DemoOptions options;
try
{
    options = DemoOptions.Parse(args, Environment.GetEnvironmentVariable("IMCSGEN_SECRET_KEY"), Environment.GetEnvironmentVariable(DemoOptions.TcccSecretKeyVariable));
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync("CustomerServiceDemo: " + e.Message).ConfigureAwait(false);
    await Console.Error.WriteLineAsync(DemoOptions.Usage).ConfigureAwait(false);
    return 2;
}

return await DemoRunner.RunAsync(options, Console.Out).ConfigureAwait(false);
