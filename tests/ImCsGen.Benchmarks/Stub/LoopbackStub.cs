using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImCsGen.Benchmarks.Stub;

/// <summary>
/// A Kestrel stub on 127.0.0.1 (port 0) answering <c>openim/sendmsg</c> and <c>profile/portrait_get</c> with canned
/// OK JSON. It runs in a child process of the benchmark (the same executable, verb <c>stub</c>): the memory
/// diagnoser counts every allocation of the process it runs in, and the server's allocations are not the
/// client's cost.
/// </summary>
public sealed class LoopbackStub : IDisposable
{
    private readonly Process _process;

    private LoopbackStub(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Starts the child process and waits for the address it listens on.</summary>
    public static LoopbackStub Start()
    {
        var start = ChildProcess.Create("stub");
        start.RedirectStandardOutput = true;
        start.RedirectStandardInput = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException("the stub process did not start");
        var line = process.StandardOutput.ReadLine();
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException("the stub process did not report its address: " + line);
        }

        return new LoopbackStub(process, new Uri(line["listening ".Length..].Trim().TrimEnd('/') + "/"));
    }

    public void Dispose()
    {
        // Closing stdin tells the child to stop; kill it if it does not.
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    /// <summary>The child's side: serve until standard input closes.</summary>
    public static async Task<int> ServeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/v4/openim/sendmsg", (HttpContext c) => Write(c, CannedResponses.SendMsg));
        app.MapPost("/v4/profile/portrait_get", (HttpContext c) => Write(c, CannedResponses.PortraitGet));
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.Out.WriteLine("listening " + address);
        Console.Out.Flush();
        await Task.Run(() => Console.In.ReadToEnd()).ConfigureAwait(false);
        await app.StopAsync().ConfigureAwait(false);
        return 0;
    }

    private static async Task Write(HttpContext context, byte[] body)
    {
        // The request body is read as a real server would, then dropped.
        await context.Request.Body.CopyToAsync(Stream.Null).ConfigureAwait(false);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body).ConfigureAwait(false);
    }
}
