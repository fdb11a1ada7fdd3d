using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using ImCsGen.Serialization;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace ImCsGen.Transport;

/// <summary>
/// The full call path: one Polly.Core pipeline per endpoint (deadline of the whole call, retry with jittered
/// exponential backoff, rate limiter, timeout of one attempt) around <see cref="ImAttemptSender"/>. The
/// strategies are thin: each delegates its decision to the part that owns the rule (retry classifier, limiter
/// step, reporter), so the pipeline is only the order in which they apply.
/// </summary>
internal sealed class ImCallPipelines
{
    private static readonly ResiliencePropertyKey<ImCallState> StateKey = new("ImCsGen.CallState");

    private readonly ConcurrentDictionary<string, ResiliencePipeline> _pipelines = new(StringComparer.Ordinal);
    private readonly ImClientOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<double>? _jitter;

    public ImCallPipelines(ImClientOptions options, TimeProvider time, Func<double>? jitter, ImAttemptSender sender, ImRetryClassifier retries, ImLimiterStep limiter, ImCallReporter reporter)
    {
        _options = options;
        _time = time;
        _jitter = jitter;
        Sender = sender;
        Retries = retries;
        Limiter = limiter;
        Reporter = reporter;
    }

    public ImAttemptSender Sender { get; }

    public ImRetryClassifier Retries { get; }

    public ImLimiterStep Limiter { get; }

    public ImCallReporter Reporter { get; }

    /// <summary>Runs the call through its endpoint's pipeline.</summary>
    public async ValueTask<TResponse> ExecuteAsync<TResponse>(ImCallState state, CancellationToken cancellationToken)
        where TResponse : ImResponse, IImResponse<TResponse>
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StateKey, state);
        try
        {
            return await Get(state.Endpoint)
                .ExecuteAsync(static (ctx, s) => s.Replay is not null ? ValueTask.FromException<TResponse>(TakeReplay(s)) : s.Pipelines.Sender.SendAsync<TResponse>(s, ctx.CancellationToken), context, state)
                .ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // The fast path's failed first attempt stands in for the pipeline's first attempt (not sent again).
    private static Exception TakeReplay(ImCallState state)
    {
        var replay = state.Replay!;
        state.Replay = null;
        return replay;
    }

    private ResiliencePipeline Get(ImEndpoint endpoint)
    {
        if (_pipelines.TryGetValue(endpoint.Path, out var pipeline))
        {
            return pipeline;
        }

        lock (_pipelines)
        {
            return _pipelines.GetOrAdd(endpoint.Path, _ => Build(endpoint));
        }
    }

    private ResiliencePipeline Build(ImEndpoint endpoint)
    {
        // Outermost first: deadline of the whole call > retries > rate limiter (each attempt takes a
        // permit, waiting in a queue) > timeout of one attempt. The limiter sits outside the attempt
        // timeout so that waiting in the queue is never mistaken for an unanswered request.
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time, Name = "ImCsGen", InstanceName = endpoint.Path };
        if (_options.TotalTimeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            // Measured from the call's start (its deadline), not from entering the pipeline: a call that
            // enters after a failed first attempt on the fast path keeps the deadline it started with.
            builder.AddTimeout(new TimeoutStrategyOptions
            {
                Name = "deadline",
                TimeoutGenerator = static args =>
                {
                    var state = args.Context.Properties.GetValue(StateKey, null!);
                    var remaining = state.Deadline - state.Pipelines._time.GetUtcNow();

                    // Polly treats a zero or negative timeout as none at all; a passed deadline must still end the call.
                    return new ValueTask<TimeSpan>(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1));
                },
            });
        }

        if (_options.MaxRetryAttempts > 0)
        {
            var retry = new RetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = _options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.RetryMaxDelay,
                ShouldHandle = static args =>
                {
                    var state = args.Context.Properties.GetValue(StateKey, null!);
                    return new ValueTask<bool>(state.Pipelines.Retries.ShouldRetry(args.Outcome.Exception, state, args.Context.CancellationToken.IsCancellationRequested));
                },
                DelayGenerator = static args => new ValueTask<TimeSpan?>(ImRetryClassifier.DelayFor(args.Outcome.Exception)),
                OnRetry = static args =>
                {
                    var state = args.Context.Properties.GetValue(StateKey, null!);
                    state.Pipelines.Reporter.Retrying(state, args.Outcome.Exception, args.AttemptNumber, args.RetryDelay);
                    return default;
                },
            };
            if (_jitter is not null)
            {
                retry.Randomizer = _jitter;
            }

            builder.AddRetry(retry);
        }

        if (_options.EnableRateLimiting)
        {
            builder.AddRateLimiter(new RateLimiterStrategyOptions
            {
                Name = "limiter",
                RateLimiter = static args =>
                {
                    var state = args.Context.Properties.GetValue(StateKey, null!);
                    return state.Pipelines.Limiter.AcquireAsync(state, args.Context.CancellationToken);
                },
            });
        }

        if (_options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Timeout = _options.Timeout, Name = "attempt" });
        }

        return builder.Build();
    }
}
