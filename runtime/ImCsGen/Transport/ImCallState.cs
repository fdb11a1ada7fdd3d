using System;
using ImCsGen.Idempotency;

namespace ImCsGen.Transport;

/// <summary>
/// Everything one logical call carries from attempt to attempt. The parts of the transport are stateless per
/// call; what a retry or the failover has to know about earlier attempts lives here, so any part can be read
/// (and tested) without following the call through the others.
/// </summary>
internal sealed class ImCallState
{
    private int _quotaItems = -1;

    public ImCallState(ImCallPipelines pipelines, ImEndpoint endpoint, byte[] body, DateTimeOffset deadline, ImDeduplicationKeys? keys)
    {
        Pipelines = pipelines;
        Endpoint = endpoint;
        Body = body;
        Deadline = deadline;
        Keys = keys;
    }

    /// <summary>The parts the Polly callbacks reach through the pipeline's static lambdas (which cannot capture).</summary>
    public ImCallPipelines Pipelines { get; }

    public ImEndpoint Endpoint { get; }

    /// <summary>The request body, serialized once and sent unchanged on every attempt.</summary>
    public byte[] Body { get; }

    public DateTimeOffset Deadline { get; }

    /// <summary>The de-duplication keys of this logical call (sent on every attempt), or null.</summary>
    public ImDeduplicationKeys? Keys { get; }

    public int Attempts { get; set; }

    /// <summary>Which domain the call's next attempt uses (see <see cref="ImFailoverPolicy"/>).</summary>
    public ImRoute Route { get; set; }

    /// <summary>Whether any attempt may have reached Tencent (false while every attempt failed to connect).</summary>
    public bool MaybeProcessed { get; set; }

    /// <summary>Whether the call is waiting in the client-side limiter (still true after a wait the deadline ended).</summary>
    public bool InLimiter { get; set; }

    /// <summary>The failure of the last attempt that was retried (shown when the deadline ends the call).</summary>
    public Exception? LastError { get; set; }

    /// <summary>
    /// The failure of an attempt made on the fast path (outside the pipeline), handed to the pipeline as the
    /// outcome of its first attempt: the retry strategy then classifies, logs and backs off exactly as if the
    /// pipeline had made that attempt itself. Taken (set back to null) by the first pipeline attempt.
    /// </summary>
    public Exception? Replay { get; set; }

    /// <summary>
    /// The endpoint's quota permits for this call were taken on the fast path, which then found no call permit
    /// free and handed the call to the pipeline: the limiter step must not count them a second time.
    /// </summary>
    public bool QuotaTaken { get; set; }

    /// <summary>The quota items the request itself reported (<see cref="ImCsGen.Serialization.IImRequest.QuotaItems"/>), instead of scanning the body.</summary>
    public void UseQuotaItems(int count) => _quotaItems = count;

    /// <summary>The number of items of <paramref name="countField"/> in the body (array elements; 1 otherwise), counted once.</summary>
    public int QuotaItems(string countField)
    {
        if (_quotaItems < 0)
        {
            _quotaItems = ImQuotaCounter.Count(Body, countField);
        }

        return _quotaItems;
    }
}
