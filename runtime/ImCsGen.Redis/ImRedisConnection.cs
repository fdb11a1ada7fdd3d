using System;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace ImCsGen.Redis;

/// <summary>
/// The Redis connection of the limiters: the caller's multiplexer, or one made from the configuration string on
/// first use (never at construction, so an unreachable Redis does not stop the app from starting).
/// </summary>
internal sealed class ImRedisConnection : IDisposable
{
    private readonly IConnectionMultiplexer? _given;
    private readonly Lazy<Task<IConnectionMultiplexer>> _owned;

    public ImRedisConnection(ImRedisRateLimitOptions options)
    {
        _given = options.ConnectionMultiplexer;
        var configuration = options.Configuration;
        var timeout = (int)options.OperationTimeout.TotalMilliseconds;
        var retry = (int)options.RetryInterval.TotalMilliseconds;
        _owned = new Lazy<Task<IConnectionMultiplexer>>(
            async () =>
            {
                var settings = ConfigurationOptions.Parse(configuration!);

                // Keep trying in the background instead of failing the first connect; answer at once while
                // disconnected (no backlog), so that calls fall back to the share without waiting for a timeout;
                // reconnect at the limiters' own retry pace.
                settings.AbortOnConnectFail = false;
                settings.BacklogPolicy = BacklogPolicy.FailFast;
                settings.ConnectTimeout = timeout;
                settings.AsyncTimeout = timeout;
                settings.SyncTimeout = timeout;
                // StackExchange.Redis notices a lost connection and retries it on its heartbeat (1 s by default):
                // a quicker heartbeat and retry bring the limiters back on Redis soon after it returns.
                settings.HeartbeatInterval = TimeSpan.FromMilliseconds(Math.Clamp(retry / 4, 100, 1000));
                settings.ReconnectRetryPolicy = new LinearRetry(Math.Clamp(retry / 4, 100, 1000));
                return await ConnectionMultiplexer.ConnectAsync(settings).ConfigureAwait(false);
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public async ValueTask<IDatabase> GetDatabaseAsync()
        => (_given ?? await _owned.Value.ConfigureAwait(false)).GetDatabase();

    /// <summary>Waits until the connection is up and Redis answers a PING; false when <paramref name="cancellationToken"/> ends the wait first.</summary>
    public async Task<bool> ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            var multiplexer = _given ?? await _owned.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (multiplexer.IsConnected)
                {
                    try
                    {
                        await multiplexer.GetDatabase().PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
                        return true;
                    }
                    catch (Exception e) when (e is RedisException or TimeoutException)
                    {
                        // Connected a moment ago and lost again: keep waiting.
                    }
                }

                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (_given is null && _owned.IsValueCreated && _owned.Value.IsCompletedSuccessfully)
        {
            _owned.Value.Result.Dispose();
        }
    }
}
