using System;
using System.Globalization;
using System.Threading.Tasks;
using ImCsGen;
using ImCsGen.Im;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImCsGen.AotSmoke;

/// <summary>
/// Sends one C2C message through each way of building the client (ImClient.Create and AddTencentIm with
/// configuration binding) to the IM server at the base address given as the first argument, and prints
/// what came back. Everything a published binary exercises must survive trimming and Native AOT.
/// Usage: ImCsGen.AotSmoke http://127.0.0.1:PORT/
/// Settings come from the environment (TencentIm__SdkAppId, TencentIm__Identifier, TencentIm__SecretKey),
/// so the key never appears on a command line.
/// </summary>
internal static class Program
{
    private const string Agent = "aot_cs_virtual";
    private const string User = "aot_user";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 1 || !Uri.TryCreate(args[0], UriKind.Absolute, out var baseAddress))
        {
            Console.Error.WriteLine("usage: ImCsGen.AotSmoke <base address, e.g. http://127.0.0.1:5000/>");
            return 2;
        }

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var section = configuration.GetSection(ImClientOptions.SectionName);

        try
        {
            // 1. Without dependency injection.
            var options = new ImClientOptions
            {
                SdkAppId = long.Parse(section["SdkAppId"] ?? "0", CultureInfo.InvariantCulture),
                Identifier = section["Identifier"] ?? string.Empty,
                SecretKey = section["SecretKey"],
                BaseAddress = baseAddress,
            };
            var direct = ImClient.Create(options);
            {
                await direct.ImportAccountAsync(new ImportAccountRequest { UserID = Agent, Nick = "Support" }).ConfigureAwait(false);
                await direct.ImportAccountAsync(new ImportAccountRequest { UserID = User }).ConfigureAwait(false);
                var sent = await direct.SendC2CMessageAsync(new SendC2CMessageRequest
                {
                    FromAccount = Agent,
                    ToAccount = User,
                    MsgBody = [new TIMTextElem { Text = "hello from Native AOT (ImClient.Create)" }],
                }).ConfigureAwait(false);
                Console.WriteLine("create: ok MsgKey=" + sent.MsgKey + " MsgTime=" + sent.MsgTime?.ToString(CultureInfo.InvariantCulture));
            }

            // 2. Through AddTencentIm(IConfiguration): source-generated binding, IHttpClientFactory, options validation.
            var services = new ServiceCollection();
            services.AddTencentIm(section);
            services.PostConfigure<ImClientOptions>(o => o.BaseAddress = baseAddress);
            await using var provider = services.BuildServiceProvider();
            var client = provider.GetRequiredService<IImClient>();
            var viaDi = await client.SendC2CMessageAsync(new SendC2CMessageRequest
            {
                FromAccount = Agent,
                ToAccount = User,
                MsgBody = [new TIMTextElem { Text = "hello from Native AOT (AddTencentIm)" }],
            }).ConfigureAwait(false);
            Console.WriteLine("di: ok MsgKey=" + viaDi.MsgKey);

            // 3. The callback endpoint (ImCsGen.AspNetCore) on a loopback Kestrel host.
            Console.WriteLine(await CallbackSmoke.RunAsync().ConfigureAwait(false));
            return 0;
        }
        catch (ImException e)
        {
            Console.Error.WriteLine("IM error: " + e.Message);
            return 1;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
