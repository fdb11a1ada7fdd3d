using System;
using System.Diagnostics.Metrics;
using System.Net.Http;
using System.Threading.Tasks;
using ImCsGen.Serialization;
using ImCsGen.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ImCsGen.Runtime.Tests.Support;

/// <summary>Builds an <see cref="ImHttpTransport"/> over a fake handler, a fake clock and a log collector.</summary>
public sealed class TestTransport : IDisposable
{
    public const long SdkAppId = 1400000000;
    public const string SecretKey = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    public const string Admin = "administrator";
    public static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private readonly ILoggerFactory _loggerFactory;

    public TestTransport(FakeHttpHandler handler, Action<ImClientOptions>? configure = null, IMeterFactory? meterFactory = null)
    {
        Handler = handler;
        Options = DefaultOptions();
        configure?.Invoke(Options);
        LogProvider = new FakeLoggerProvider();
        _loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(LogProvider));
        Transport = new ImHttpTransport(() => new HttpClient(handler, disposeHandler: false), Options, _loggerFactory, Time, meterFactory, Random, static () => 0.5, null);
    }

    public FakeHttpHandler Handler { get; }

    public ImClientOptions Options { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public SequenceRandom Random { get; } = new();

    public FakeLoggerProvider LogProvider { get; }

    public ImHttpTransport Transport { get; }

    /// <summary>Retries without delays, so rule tests need no clock; clock tests set delays themselves.</summary>
    public static ImClientOptions DefaultOptions() => new()
    {
        SdkAppId = SdkAppId,
        Identifier = Admin,
        SecretKey = SecretKey,
        Region = ImRegion.China,
        RetryBaseDelay = TimeSpan.Zero,
        RetryMaxDelay = TimeSpan.Zero,
    };

    public static FakeSendMsgRequest SendMsg(string to = "user1", uint? msgRandom = null)
        => new() { ToAccount = to, Texts = new[] { "hello" }, MsgRandom = msgRandom };

    public Task<FakeResponse> SendAsync(IImRequest request)
        => Transport.SendAsync<IImRequest, FakeResponse>(request, default);

    /// <summary>Moves the fake clock forward in steps until <paramref name="task"/> completes (no timing assertions).</summary>
    public async Task<T> RunWithClock<T>(Task<T> task, TimeSpan step, int maxSteps = 5000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await Task.WhenAny(task, Task.Delay(2));
            if (!task.IsCompleted)
            {
                Time.Advance(step);
            }
        }

        return await task;
    }

    /// <summary>Waits (in real time, without asserting on it) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntil(Func<bool> condition, string what)
    {
        for (var i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        if (!condition())
        {
            throw new TimeoutException("Never reached: " + what);
        }
    }

    public void Dispose()
    {
        Transport.Dispose();
        _loggerFactory.Dispose();
    }
}
