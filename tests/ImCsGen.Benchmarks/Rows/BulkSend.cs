using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Emulator;
using ImCsGen.Im;

namespace ImCsGen.Benchmarks.Rows;

/// <summary>The outcome of one bulk run.</summary>
public sealed record BulkResult(int Limit, int Users, TimeSpan Elapsed, int Succeeded, int Failed60007, int FailedOther, int Server60007, int ServerRequests)
{
    /// <summary>Achieved sends per second over the whole run.</summary>
    public double Throughput => Succeeded / Elapsed.TotalSeconds;

    /// <summary>Throughput as a share of the limit.</summary>
    public double ShareOfLimit => Throughput / Limit;

    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"limit {Limit}/s, {Users} users: {Elapsed.TotalSeconds:F1} s, {Throughput:F1}/s = {ShareOfLimit:P1} of the limit; failed with 60007: {Failed60007}, other failures: {FailedOther}; 60007 answered by the emulator: {Server60007} of {ServerRequests} requests");
}

/// <summary>
/// Row 6: one SendC2CMessage to each of N users through the generated client, against the emulator
/// (runtime/ImCsGen.Emulator, Kestrel on 127.0.0.1) limiting openim/sendmsg to L calls per second and answering
/// 60007 beyond it. The client gets the same limit (the spec's 200/s, or the override for the higher run)
/// and all N calls are started at once: its per-endpoint token bucket queues and paces them.
/// </summary>
public static class BulkSend
{
    public static async Task<BulkResult> RunAsync(int limit, int users, CancellationToken cancellationToken = default)
        => await RunAsync(limit, limit, users, cancellationToken).ConfigureAwait(false);

    /// <summary>As above with a client limit other than the emulator's (diagnostic: headroom against 60007).</summary>
    public static async Task<BulkResult> RunAsync(int limit, int clientLimit, int users, CancellationToken cancellationToken = default)
        => await RunAsync(limit, clientLimit, users, null, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Diagnostic: with <paramref name="gate"/>, every send first waits for a permit of that limiter (a candidate
    /// shape for ImRateLimiterRegistry) and the transport's own limiter is opened wide so only the gate paces.
    /// </summary>
    public static async Task<BulkResult> RunAsync(int limit, int clientLimit, int users, System.Threading.RateLimiting.RateLimiter? gate, CancellationToken cancellationToken = default)
    {
        // The row's limit is the emulator's limit for sendmsg itself: an explicit entry, because without one the emulator
        // takes the spec's documented 200/s for openim/sendmsg over DefaultRateLimitPerSecond.
        await using var emulator = await ImEmulator.StartAsync(new EmulatorOptions { DefaultRateLimitPerSecond = limit, RateLimits = { ["openim/sendmsg"] = limit } }, cancellationToken).ConfigureAwait(false);
        var options = new ImClientOptions
        {
            SdkAppId = emulator.Options.SdkAppId,
            SecretKey = emulator.Options.SecretKey,
            Identifier = emulator.Options.Administrators[0],
            BaseAddress = emulator.BaseAddress,
        };
        options.RateLimits["SendC2CMessage"] = gate is null ? clientLimit : 10_000_000;
        using var http = new System.Net.Http.HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        var client = ImClient.Create(options, http);

        var ids = Enumerable.Range(0, users).Select(i => "bulk_" + i.ToString("D5", CultureInfo.InvariantCulture)).ToList();
        await ImportAsync(client, ids, cancellationToken).ConfigureAwait(false);
        var rejectedBefore = emulator.Stats.Responses(60007);
        var requestsBefore = emulator.Stats.Requests("openim/sendmsg");

        // Let the import's seconds pass so the send run starts with fresh windows on both sides.
        await Task.Delay(1100, cancellationToken).ConfigureAwait(false);
        var succeeded = 0;
        var failed60007 = 0;
        var failedOther = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(ids.Select(async id =>
        {
            try
            {
                if (gate is not null)
                {
                    using var lease = await gate.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
                }

                await client.SendC2CMessageAsync(new SendC2CMessageRequest
                {
                    FromAccount = "bulk_agent",
                    ToAccount = id,
                    MsgBody = new List<MsgBodyElement> { new TIMTextElem { Text = "Service notice: our hours change on Monday." } },
                }, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref succeeded);
            }
            catch (ImException error) when (error.ErrorCode == 60007)
            {
                Interlocked.Increment(ref failed60007);
            }
            catch (ImException)
            {
                Interlocked.Increment(ref failedOther);
            }
        })).ConfigureAwait(false);
        watch.Stop();
        return new BulkResult(limit, users, watch.Elapsed, succeeded, failed60007, failedOther, emulator.Stats.Responses(60007) - rejectedBefore, emulator.Stats.Requests("openim/sendmsg") - requestsBefore);
    }

    private static async Task ImportAsync(ImClient client, List<string> ids, CancellationToken cancellationToken)
    {
        foreach (var chunk in ids.Append("bulk_agent").Chunk(100))
        {
            var response = await client.ImportAccountsAsync(new ImportAccountsRequest { Accounts = chunk.ToList() }, cancellationToken).ConfigureAwait(false);
            if (response.FailAccounts is { Count: > 0 } failed)
            {
                throw new InvalidOperationException("the emulator did not import " + failed.Count.ToString(CultureInfo.InvariantCulture) + " accounts");
            }
        }
    }
}
